import { spin } from './warmupSpintax.js';
import { tagFraction } from './warmupTag.js';

/**
 * What a reply to a warm-up message does: agree to what it proposes, acknowledge news, promise to look at
 * something, and so on. Each first message names the kinds that fit it, so a reply never agrees to a meeting
 * nobody proposed; every language has one reply of every kind, so a mailbox answers a message written in
 * another language in its own.
 */
type ReplyKind =
  'accept' | 'acknowledge' | 'willCheck' | 'willDo' | 'glad' | 'welcome' | 'praised' | 'checkIn' | 'reminder' | 'lookForward' | 'smallTalk';

/**
 * A first message. Its subject and body are spintax (warmupSpintax.ts): where they name the same day, topic
 * or thing, a named group (`{day=…}`) makes them name the same one.
 */
interface WarmupTemplate {
  subject: string;
  body: string;
  answers: ReplyKind[];
}

/**
 * Short, natural messages between colleagues: each message picks its variant from its tag, so it reads the
 * same on every attempt and differs from its neighbours. Plain text, no links, no signature block: nothing a
 * filter would take for marketing.
 */
const englishMessages: WarmupTemplate[] = [
  {
    subject: '{Quick|Short} question about {day=Thursday|Friday|next week}',
    body: '{Hi|Hello|Hey},\n\n{Do you have|Would you have} {a few minutes|ten minutes|some time} {day=on Thursday|on Friday|next week} to {go over|talk through|look at} the {plan|schedule|numbers}?\n\n{Thanks|Thank you|Cheers}',
    answers: ['accept', 'willDo'],
  },
  {
    subject: '{Notes|A few notes} from {today|this morning|yesterday}',
    body: '{Hi|Hello},\n\n{I wrote up|I put together|Here are} {a few|some} {notes|thoughts} from {the call|our meeting|the discussion}. {Nothing urgent|No rush}, {but|though} {let me know|tell me} if I {missed|forgot} {anything|something}.\n\n{Best|Thanks}',
    answers: ['willCheck', 'acknowledge'],
  },
  {
    subject: '{meal=Lunch|Coffee} {day=next week|on Tuesday|on Wednesday}?',
    body: '{Hey|Hi|Hello},\n\n{Are you free|Any chance you are free|Do you have time} for {meal=lunch|a coffee} {day=next week|on Tuesday|on Wednesday}? {I would like to|It would be good to|It would be nice to} {catch up|hear how things are going|hear your news}.\n\n{See you|Talk soon|Cheers}',
    answers: ['accept'],
  },
  {
    subject: '{Feedback on|About} the {document=draft|proposal|document}',
    body: '{Hello|Hi},\n\n{I had a look at|I read through|I went over} the {document=draft|proposal|document}. {It looks good|Mostly fine|Looks solid} {overall|to me}; {just|only} {a couple of|two} {small|minor} {points|comments} {on the second page|near the end}.\n\n{Thanks|Best}',
    answers: ['willCheck', 'acknowledge'],
  },
  {
    subject: '{Update|Small update} on the {work=project|timeline|order}',
    body: '{Hi|Hello},\n\n{Quick|Short} {update|note}: the {work=project|work|delivery} is {on track|moving along|going well} and we {should|expect to} {finish|be done} {by Friday|early next week|this month}.\n\n{Cheers|Regards}',
    answers: ['acknowledge', 'glad'],
  },
  {
    subject: '{thanks=Thanks|Thank you} for {when=yesterday|today|this morning}',
    body: '{Hi|Hey},\n\n{thanks=Thanks again|Thank you again} for {your help|the help|taking the time} {when=yesterday|today|this morning}. {It made|That made|That really made} {things|everything} {much easier|a lot simpler}.\n\n{Best|All the best|Cheers}',
    answers: ['welcome'],
  },
  {
    subject: '{meeting=Meeting|Call} {change=moved|rescheduled}',
    body: '{Hello|Hi|Hey},\n\n{Just a heads-up|A quick note|Just so you know}: {meeting=the meeting|our call} {change=has moved|was rescheduled} to {3 pm|10 am|11 am|4 pm|the afternoon}. {meeting=Same room as before|Same link as before}. {Sorry for the change|Hope that still works|Apologies for the short notice}.\n\n{Thanks|See you then|Talk soon}',
    answers: ['acknowledge', 'accept'],
  },
  {
    subject: '{Question|A question} about the {paper=invoice|report|figures}',
    body: '{Hi|Hello},\n\n{Could you|Would you} {check|have a look at} the {paper=invoice|report|figures} {from last month|for March|we discussed}? {I think|It seems} {one line|a number} {is off|does not match}.\n\n{Thanks|Thank you}',
    answers: ['willCheck', 'willDo'],
  },
  {
    subject: '{How was|So, how was} {break=the weekend|your trip|the break}?',
    body: '{Hey|Hi},\n\n{I hope|Hopefully} {break=the weekend|your trip|the break} {was good|went well}. {We finally|I finally} {went hiking|visited the lake|got some rest}, {which was|and it was} {great|lovely|much needed}.\n\n{Talk soon|Cheers}',
    answers: ['smallTalk'],
  },
  {
    subject: '{Files|The files} from {event=Monday|the workshop|the review}',
    body: '{Hello|Hi},\n\n{I saved|I put} the {files|slides|documents} from {event=Monday|the workshop|the review} {in the shared folder|in the team drive|where we agreed}. {Let me know|Tell me} if {you cannot find them|anything is missing}.\n\n{Best|Regards}',
    answers: ['acknowledge', 'willCheck'],
  },
  {
    subject: '{verb=Checking in|Following up}',
    body: '{Hi|Hello|Hey},\n\n{verb=Just checking in|Just following up} on {what we discussed|our last conversation|the open points|the plan}. {Any news|Anything new|Any update} {on your side|from your team|since then}? {No rush|No pressure at all|Whenever you have a moment}.\n\n{Thanks|Best|Cheers}',
    answers: ['checkIn'],
  },
  {
    subject: '{Agenda|Topics} for {when=tomorrow|the next meeting}',
    body: '{Hi|Hey},\n\n{when=For tomorrow|For the next meeting} I {would|would like to} {suggest|propose} {three|a few} {points|items}: the {budget|schedule}, {hiring|the new office}, and {open questions|anything else}.\n\n{Thanks|See you}',
    answers: ['accept', 'acknowledge'],
  },
  {
    subject: '{medium=Book|Podcast} {recommendation|tip}',
    body: '{Hi|Hello},\n\n{medium=I just finished|I recently listened to} {a great|an interesting} {medium=book|podcast} about {teams|habits|history|cities}. {I think|I am sure} you {would|might} {like it|enjoy it}; {medium=happy to lend it to you|I can send you the link}.\n\n{Cheers|Best}',
    answers: ['lookForward'],
  },
  {
    subject: '{Small|Quick|Little} favour',
    body: '{Hey|Hi},\n\n{Could you|Would you mind if I asked you to} {forward|send} me the {contact|number|address} of {the supplier|the printer|your accountant}? {Thanks a lot|Much appreciated}.\n\n{Best|Cheers|Thanks}',
    answers: ['willDo'],
  },
  {
    subject: '{Reminder|Friendly reminder}: {due=deadline|due date} {day=on Friday|next Monday}',
    body: '{Hello|Hi},\n\n{A friendly reminder|Just a reminder} that the {due=deadline|due date} for the {report|forms|review} is {day=on Friday|next Monday}. {Shout if|Let me know if} {you need more time|anything blocks you}.\n\n{Thanks|Best|Cheers}',
    answers: ['reminder'],
  },
  {
    subject: '{Good news|Some good news}',
    body: '{Hi|Hello},\n\n{I just heard|It is official}: {the client|the board|the team} {approved|signed off on|agreed to} the {plan|proposal|budget}. {Thanks for|Thank you for} {all your work|your help} on it.\n\n{Cheers|Best}',
    answers: ['glad'],
  },
  {
    subject: '{Travel|Trip} {details|plans} for {month=May|June|next month}',
    body: '{Hello|Hi},\n\n{I booked|We booked} the {train|flight} for {month=May|June|next month}. {We leave|We set off} {early|in the morning} and {come back|return} {two days later|on the Thursday}.\n\n{Regards|Best}',
    answers: ['acknowledge'],
  },
  {
    subject: '{Feedback|Thoughts} on {talk=the talk|the presentation|the demo}',
    body: '{Hi|Hey},\n\n{I really liked|I enjoyed} {talk=the talk|your presentation|the demo}. {The part about|The section on} {costs|the roadmap|customers} was {very clear|especially good|really useful}.\n\n{Well done|Great job|Nice work}',
    answers: ['praised'],
  },
  {
    subject: '{plan=New|Updated} {kind=schedule|rota} for {next week|the summer}',
    body: '{Hi|Hello},\n\n{In short,|Briefly,} the {plan=new|updated} {kind=schedule|rota}: {mornings|afternoons} stay the same, {Fridays|Mondays} {change|move} {a little|slightly}.\n\n{Thanks|Regards}',
    answers: ['acknowledge'],
  },
  {
    subject: '{Greetings|Hello} from {place=Berlin|Lisbon|Lyon|the office}',
    body: '{Hi|Hey},\n\n{A short note|Just a quick line} from {place=Berlin|Lisbon|Lyon|the office}. {The weather is|It is} {great|rainy|cold} {here|today}; {hope all is well|I hope you are well} {with you|on your side}.\n\n{Talk soon|Best}',
    answers: ['smallTalk'],
  },
  {
    subject: '{parcel=Order|Delivery|Package} arrived',
    body: '{Hi|Hello},\n\n{parcel=The order|The delivery|Your package} {arrived|came in} {this morning|today|earlier|an hour ago}. {Everything looks|All looks} {fine|complete|good}.\n\n{Thanks|Cheers|Best}',
    answers: ['acknowledge', 'glad'],
  },
  {
    subject: '{Idea|An idea} for {outlet=the newsletter|the blog|the team day}',
    body: '{Hi|Hey},\n\n{I had an idea|Here is an idea} for {outlet=the newsletter|the blog|the team day}: {a short interview|a quiz|a photo series|a small survey} with {the new colleagues|people from each team}. {What do you think|Thoughts|Worth a try}?\n\n{Cheers|Best}',
    answers: ['willCheck'],
  },
  {
    subject: '{space=Room|Meeting room|Desk} {booking|reservation}',
    body: '{Hello|Hi},\n\n{I reserved|I booked} {space=the small room|the meeting room|two desks} for {Tuesday|Wednesday|Thursday} {morning|afternoon}. {Let me know|Tell me} if {that does not work|you need more time}.\n\n{Thanks|Best|Cheers}',
    answers: ['accept', 'acknowledge'],
  },
  {
    subject: '{Question|Quick question} about the {tool=new tool|shared drive|dashboard}',
    body: '{Hi|Hello},\n\n{Do you know|Any idea} {who to ask|whom I should ask} {for access to|for a login to} the {tool=new tool|shared drive|dashboard}? {I could not find out|Nobody here seems to know|The wiki does not say}.\n\n{Thanks|Cheers|Thanks in advance}',
    answers: ['willCheck', 'willDo'],
  },
];

const englishReplies: Record<ReplyKind, string> = {
  accept: '{Yes|Sure|Sounds good}, {that works for me|that suits me|I can make it}. {See you then|Looking forward to it}.',
  acknowledge: '{Got it|Noted}, {thanks|thank you} for {letting me know|the update|the heads-up}.',
  willCheck: '{Thanks|Thank you}, {I will have a look|I will take a look} {and come back to you|and let you know}.',
  willDo:
    '{Sure|Of course}, {happy to|glad to} {help|do that}. {I will get back to you|You will hear from me} {later today|tomorrow|this week}.',
  glad: '{Great|Good} {news|to hear}! {Thanks|Thank you} for {sharing|the note}.',
  welcome: '{You are welcome|My pleasure}, {any time|happy to help}. {Glad it was useful|Good to hear it helped}.',
  praised: '{Thank you|Thanks a lot}, {that is kind of you|good to hear}! {I am glad it was useful|It was fun to prepare}.',
  checkIn: '{Thanks for asking|Good to hear from you}, {all good|everything is fine} {here|on my side}. {Nothing new yet|More news soon}.',
  reminder:
    '{Thanks for the reminder|Thanks for the nudge}, {it is on my list|I am on it}. {It will be ready in time|No extra time needed}.',
  lookForward: '{Ha|Oh nice}, {thanks|thank you}! {I will take a look|I will check it out} {this weekend|soon}.',
  smallTalk: '{Sounds lovely|How nice}, {thanks for the note|thanks for writing}! {All good here|Things are fine here} {too|as well}.',
};

/** The same kind of notes between colleagues, written in German (not translated line by line). */
const germanMessages: WarmupTemplate[] = [
  {
    subject: '{Kurze Frage|Frage} wegen {day=Donnerstag|Freitag|nächster Woche}',
    body: '{Hallo|Hi},\n\n{hast du|hättest du} {day=Donnerstag|Freitag|nächste Woche} {kurz|ein paar Minuten|etwas} Zeit, um {den Plan|den Zeitplan|die Zahlen|das Budget} {durchzugehen|zu besprechen}?\n\n{Danke|Vielen Dank|Viele Grüße}',
    answers: ['accept', 'willDo'],
  },
  {
    subject: '{Notizen|Ein paar Notizen} von {heute|heute Morgen|gestern}',
    body: '{Hallo|Hi},\n\n{ich habe|ich hab} {ein paar|einige} {Notizen|Gedanken} {zum Gespräch|zu unserem Treffen|zur Besprechung} {aufgeschrieben|zusammengefasst}. {Nichts Dringendes|Keine Eile}, aber {sag Bescheid|gib mir Bescheid}, falls ich {etwas vergessen|etwas übersehen} habe.\n\n{Viele Grüße|Danke}',
    answers: ['willCheck', 'acknowledge'],
  },
  {
    subject: '{meal=Mittagessen|Kaffee} {day=nächste Woche|am Dienstag|am Mittwoch}?',
    body: '{Hi|Hallo|Hey},\n\n{hast du|hättest du} {day=nächste Woche|am Dienstag|am Mittwoch} Zeit für {meal=ein Mittagessen|einen Kaffee}? {Es wäre schön|Ich würde mich freuen|Das wäre nett}, {mal wieder zu quatschen|zu hören, wie es bei dir läuft|uns mal wieder zu sehen}.\n\n{Bis bald|Liebe Grüße|Viele Grüße}',
    answers: ['accept'],
  },
  {
    subject: '{Kurz zum|Zum} {document=Entwurf|Angebot|Dokument}',
    body: '{Hallo|Hi},\n\n{ich habe mir|ich habe mir gerade} {document=den Entwurf|das Angebot|das Dokument} {angesehen|durchgelesen}. {Sieht gut aus|Passt so weit|Wirkt solide}, nur {zwei|ein paar} {kleine|kurze} {Anmerkungen|Punkte} {zu Seite zwei|zum letzten Abschnitt}.\n\n{Danke|Viele Grüße}',
    answers: ['willCheck', 'acknowledge'],
  },
  {
    subject: '{Kurzes Update|Zwischenstand} zum {work=Projekt|Zeitplan|Auftrag}',
    body: '{Hallo|Hi},\n\n{nur kurz zum Stand|kurz zur Info}: {work=Das Projekt|Die Arbeit|Die Lieferung} {liegt im Plan|läuft gut|kommt gut voran}, und wir {sollten|wollen} {bis Freitag|Anfang nächster Woche|noch diesen Monat} {fertig sein|alles abgeschlossen haben}.\n\n{Grüße|Viele Grüße|Bis bald}',
    answers: ['acknowledge', 'glad'],
  },
  {
    subject: '{thanks=Danke|Vielen Dank} für {when=gestern|heute|heute Morgen}',
    body: '{Hi|Hallo},\n\n{thanks=nochmals danke|nochmals vielen Dank} für {deine Hilfe|die Unterstützung|deine Zeit} {when=gestern|heute|heute Morgen}. {Das hat mir|Das hat uns} {einiges|die Sache|vieles} {deutlich leichter gemacht|sehr erleichtert}.\n\n{Liebe Grüße|Viele Grüße|Bis bald}',
    answers: ['welcome'],
  },
  {
    subject: '{meeting=Termin|Meeting} {change=verschoben|verlegt}',
    body: '{Hallo|Hi},\n\n{kurze Info|nur zur Info|zur Info}: {meeting=Unser Termin|Das Meeting} {wurde|wird} auf {15 Uhr|10 Uhr|11 Uhr|16 Uhr|den Nachmittag} {change=verschoben|verlegt}. {meeting=Gleicher Raum wie immer|Gleicher Link wie immer}. {Sorry für die kurzfristige Änderung|Ich hoffe, das passt noch|Entschuldige die Verschiebung}.\n\n{Danke|Bis dann|Bis später}',
    answers: ['acknowledge', 'accept'],
  },
  {
    subject: '{Frage|Kurze Frage} zur {paper=Rechnung|Auswertung|Abrechnung}',
    body: '{Hallo|Hi},\n\n{könntest du|kannst du} {bitte mal|kurz} die {paper=Rechnung|Auswertung|Abrechnung} {vom letzten Monat|für März|von neulich} {prüfen|durchsehen}? {Ich glaube|Mir scheint}, {eine Zeile|ein Betrag} {stimmt nicht|ist nicht richtig}.\n\n{Danke|Vielen Dank}',
    answers: ['willCheck', 'willDo'],
  },
  {
    subject: '{Wie war|Und, wie war} {break=dein Wochenende|dein Urlaub|dein freier Tag}?',
    body: '{Hi|Hallo},\n\n{ich hoffe|ich hoffe sehr}, {break=dein Wochenende|dein Urlaub|dein freier Tag} war {schön|erholsam}. {Wir waren endlich|Ich war endlich} {wandern|am See|in den Bergen}, {und das war|das war} {super|herrlich|wirklich nötig}.\n\n{Bis bald|Liebe Grüße}',
    answers: ['smallTalk'],
  },
  {
    subject: '{files=Dateien|Folien|Unterlagen} {event=vom Montag|vom Workshop|zur Besprechung}',
    body: '{Hallo|Hi},\n\n{ich habe|ich hab} die {files=Dateien|Folien|Unterlagen} {event=vom Montag|vom Workshop|zur Besprechung} {im gemeinsamen Ordner abgelegt|wie besprochen hochgeladen|in unseren Teamordner gelegt}. {Sag Bescheid|Gib mir Bescheid}, {falls du sie nicht findest|falls etwas fehlt}.\n\n{Viele Grüße|Grüße|Bis bald}',
    answers: ['acknowledge', 'willCheck'],
  },
  {
    subject: '{verb=Kurze Nachfrage|Ich melde mich nochmal}',
    body: '{Hallo|Hi},\n\n{verb=ich wollte kurz nachfragen|ich melde mich kurz} wegen {unseres letzten Gesprächs|der offenen Punkte|unseres Telefonats|des Angebots}. {Gibt es|Gibt es schon} {Neuigkeiten|etwas Neues|einen neuen Stand} {bei dir|aus deinem Team}? {Keine Eile|Kein Stress|Wann immer du Zeit hast}.\n\n{Danke|Viele Grüße|Bis bald}',
    answers: ['checkIn'],
  },
  {
    subject: '{Agenda|Tagesordnung} für {when=morgen|das nächste Treffen}',
    body: '{Hi|Hallo},\n\nfür {when=morgen|das nächste Treffen} {würde ich|möchte ich} {drei|ein paar} {Themen|Punkte} {vorschlagen|mitbringen}: {das Budget|den Zeitplan}, {die neue Stelle|das neue Büro} und {offene Fragen|alles Weitere}.\n\n{Danke|Bis dann}',
    answers: ['accept', 'acknowledge'],
  },
];

const germanReplies: Record<ReplyKind, string> = {
  accept: '{Ja|Gern}, {das passt mir|das geht bei mir}. {Bis dann|Ich freue mich drauf}.',
  acknowledge: '{Alles klar|Verstanden}, {danke|vielen Dank} für {die Info|das Update|den Hinweis}.',
  willCheck: '{Danke|Vielen Dank}, {ich schaue es mir an|ich sehe es mir an} {und melde mich|und gebe dir Bescheid}.',
  willDo:
    '{Klar|Gern}, {mache ich|ich kümmere mich darum}. {Ich melde mich heute noch|Ich melde mich morgen|Ich gebe dir morgen Bescheid|Du hörst diese Woche von mir}.',
  glad: '{Super|Schön}, {das freut mich|das sind gute Nachrichten}! {Danke|Vielen Dank} {für die Info|fürs Bescheidsagen}.',
  welcome:
    '{Gern geschehen|Sehr gern}, {jederzeit wieder|das habe ich gern gemacht}. {Schön, dass es geholfen hat|Freut mich, dass es geholfen hat}.',
  praised: '{Danke|Vielen Dank}, {das freut mich|schön zu hören}! {Gut, dass es nützlich war|Die Vorbereitung hat Spaß gemacht}.',
  checkIn:
    '{Danke fürs Nachfragen|Schön, von dir zu hören}, {alles gut|alles in Ordnung} {bei mir|bei uns}. {Noch nichts Neues|Neuigkeiten folgen bald}.',
  reminder:
    '{Danke fürs Erinnern|Danke für den Hinweis}, {ich habe es auf dem Schirm|ich bin dran}. {Es wird rechtzeitig fertig|Mehr Zeit brauche ich nicht}.',
  lookForward:
    '{Ach|Oh} {schön|nett}, {danke|vielen Dank}! {Ich schaue am Wochenende mal rein|Ich sehe es mir bald an|Ich schaue es mir am Wochenende an}.',
  smallTalk:
    '{Klingt schön|Wie schön}, {danke für die Nachricht|danke fürs Schreiben}! {Bei uns ist auch alles gut|Hier ist auch alles in Ordnung}.',
};

/** The languages warm-up writes in; a mailbox's setting chooses one (docs/warmup.md). */
export const warmupLanguages = ['en', 'de'] as const;
export type WarmupLanguage = (typeof warmupLanguages)[number];

/** Every language's first messages and replies; the tests read them to check what the messages say. */
export const warmupCorpora: Record<WarmupLanguage, { messages: WarmupTemplate[]; replies: Record<ReplyKind, string> }> = {
  en: { messages: englishMessages, replies: englishReplies },
  de: { messages: germanMessages, replies: germanReplies },
};

/** A stored language, or English for one this build does not ship. */
export const asWarmupLanguage = (language: string): WarmupLanguage =>
  (warmupLanguages as readonly string[]).includes(language) ? (language as WarmupLanguage) : 'en';

/** The tag as the body carries it (the contract's WARMUP_TAG_PATTERN), on its own last line. */
const withTag = (body: string, tag: string) => `${body}\n\now-${tag}`;

/** The template a first message's tag picks in its language. */
function messageTemplate(tag: string, language: string): WarmupTemplate {
  const { messages } = warmupCorpora[asWarmupLanguage(language)];
  return messages[Math.floor(tagFraction(tag, 'message') * messages.length)]!;
}

/** A new warm-up message's subject and plain-text body in the sender's language, fixed by its tag. */
export function composeWarmupMessage(tag: string, language = 'en'): { subject: string; text: string } {
  const template = messageTemplate(tag, language);
  return { subject: spin(template.subject, tag, 'subject'), text: withTag(spin(template.body, tag, 'body'), tag) };
}

/**
 * A warm-up reply to the first message with tag `answered.tag` (in its sender's language): "Re: " its subject,
 * and a short answer of a kind that fits it (its template's answers), in the replier's language, fixed by the
 * reply's own tag.
 */
export function composeWarmupReply(
  tag: string,
  answered: { tag: string; language?: string },
  language = 'en',
): { subject: string; text: string } {
  const answeredLanguage = answered.language ?? 'en';
  const kinds = messageTemplate(answered.tag, answeredLanguage).answers;
  const kind = kinds[Math.floor(tagFraction(tag, 'reply') * kinds.length)]!;
  const template = warmupCorpora[asWarmupLanguage(language)].replies[kind];
  const subject = `Re: ${composeWarmupMessage(answered.tag, answeredLanguage).subject}`;
  return { subject, text: withTag(spin(template, tag, 'body'), tag) };
}
