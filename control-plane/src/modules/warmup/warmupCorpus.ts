import { tagFraction } from './warmupTag.js';

/**
 * Short, natural messages between colleagues, in spintax (`{a|b|c}`): each message picks its variant
 * from its tag, so it reads the same on every attempt and differs from its neighbours. Plain text,
 * no links, no signature block: nothing a filter would take for marketing.
 */
const englishMessages: Array<{ subject: string; body: string }> = [
  {
    subject: '{Quick|Short} question about {Thursday|Friday|next week}',
    body: '{Hi|Hello|Hey},\n\n{Do you have|Would you have} {a few minutes|ten minutes|some time} {on Thursday|on Friday|next week} to {go over|talk through|look at} the {plan|schedule|numbers}?\n\n{Thanks|Thank you|Cheers}',
  },
  {
    subject: '{Notes|A few notes} from {today|this morning|yesterday}',
    body: '{Hi|Hello},\n\n{I wrote up|I put together|Here are} {a few|some} {notes|thoughts} from {the call|our meeting|the discussion}. {Nothing urgent|No rush}, {but|though} {let me know|tell me} if I {missed|forgot} {anything|something}.\n\n{Best|Thanks}',
  },
  {
    subject: '{Lunch|Coffee} {next week|on Tuesday|on Wednesday}?',
    body: '{Hey|Hi},\n\n{Are you free|Any chance you are free} for {lunch|a coffee} {next week|on Tuesday|on Wednesday}? {I would like to|It would be good to} {catch up|hear how things are going}.\n\n{See you|Talk soon}',
  },
  {
    subject: '{Re|About} the {draft|proposal|document}',
    body: '{Hello|Hi},\n\n{I had a look at|I read through|I went over} the {draft|proposal|document}. {It looks good|Mostly fine|Looks solid} {overall|to me}; {just|only} {a couple of|two} {small|minor} {points|comments} {on the second page|near the end}.\n\n{Thanks|Best}',
  },
  {
    subject: '{Update|Small update} on the {project|timeline|order}',
    body: '{Hi|Hello},\n\n{Quick|Short} {update|note}: the {project|work|delivery} is {on track|moving along|going well} and we {should|expect to} {finish|be done} {by Friday|early next week|this month}.\n\n{Cheers|Regards}',
  },
  {
    subject: '{Thanks|Thank you} for {yesterday|today|the help}',
    body: '{Hi|Hey},\n\n{Thanks again|Many thanks} for {your help|the help|taking the time} {yesterday|today|earlier}. {It made|That made} {things|everything} {much easier|a lot simpler}.\n\n{Best|All the best}',
  },
  {
    subject: '{Meeting|Call} {moved|rescheduled}',
    body: '{Hello|Hi},\n\n{Just a heads-up|A quick note}: {the meeting|our call} {moved|is moved} to {3 pm|10 am|the afternoon}. {Same room|Same link as before|Nothing else changes}.\n\n{Thanks|See you then}',
  },
  {
    subject: '{Question|A question} about the {invoice|report|figures}',
    body: '{Hi|Hello},\n\n{Could you|Would you} {check|have a look at} the {invoice|report|figures} {from last month|for March|we discussed}? {I think|It seems} {one line|a number} {is off|does not match}.\n\n{Thanks|Thank you}',
  },
  {
    subject: '{Weekend|Holiday} {plans|trip}',
    body: '{Hey|Hi},\n\n{How was|How did you enjoy} {the weekend|your trip|the break}? {We finally|I finally} {went hiking|visited the lake|got some rest}, {which was|and it was} {great|lovely|much needed}.\n\n{Talk soon|Cheers}',
  },
  {
    subject: '{Files|The files} {for|from} {Monday|the workshop|the review}',
    body: '{Hello|Hi},\n\n{I saved|I put} the {files|slides|documents} {from|for} {Monday|the workshop|the review} {in the shared folder|where we agreed}. {Let me know|Tell me} if {you cannot find them|anything is missing}.\n\n{Best|Regards}',
  },
  {
    subject: '{Checking in|Following up}',
    body: '{Hi|Hello},\n\n{Just checking in|Just following up} on {what we discussed|our last conversation|the open points}. {Any news|Anything new} {on your side|from your team}?\n\n{Thanks|Best}',
  },
  {
    subject: '{Agenda|Topics} for {tomorrow|the next meeting}',
    body: '{Hi|Hey},\n\n{For tomorrow|For the next meeting} I {would|would like to} {suggest|propose} {three|a few} {topics|points}: the {budget|schedule}, {hiring|the new office}, and {open questions|anything else}.\n\n{Thanks|See you}',
  },
  {
    subject: '{Book|Podcast} {recommendation|tip}',
    body: '{Hi|Hello},\n\n{I just finished|I recently listened to} {a great|an interesting} {book|podcast} about {teams|habits|history}. {I think|I am sure} you {would|might} {like it|enjoy it}; {happy to lend it|I can send you the title}.\n\n{Cheers|Best}',
  },
  {
    subject: '{Small|Quick} favour',
    body: '{Hey|Hi},\n\n{Could you|Would you mind if I asked you to} {forward|send} me the {contact|number|address} of {the supplier|the printer|your accountant}? {Thanks a lot|Much appreciated}.\n\n{Best|Cheers}',
  },
  {
    subject: '{Reminder|Friendly reminder}: {deadline|due date} {on Friday|next Monday}',
    body: '{Hello|Hi},\n\n{A friendly reminder|Just a reminder} that the {deadline|due date} for the {report|forms|review} is {on Friday|next Monday}. {Shout if|Let me know if} {you need more time|anything blocks you}.\n\n{Thanks|Best}',
  },
  {
    subject: '{Good news|Some good news}',
    body: '{Hi|Hello},\n\n{Good news|Some good news}: {the client|the board|the team} {approved|signed off on|agreed to} the {plan|proposal|budget}. {Thanks for|Thank you for} {all your work|your help} on it.\n\n{Cheers|Best}',
  },
  {
    subject: '{Travel|Trip} {details|plans} for {May|June|next month}',
    body: '{Hello|Hi},\n\n{I booked|We booked} the {train|flight} for {May|June|next month}. {We leave|Departure is} {early|in the morning} and {come back|return} {two days later|on the Thursday}.\n\n{Regards|Best}',
  },
  {
    subject: '{Feedback|Thoughts} on {the talk|the presentation|the demo}',
    body: '{Hi|Hey},\n\n{I really liked|I enjoyed} {the talk|your presentation|the demo}. {The part about|The section on} {costs|the roadmap|customers} was {very clear|especially good}.\n\n{Well done|Great job}',
  },
  {
    subject: '{New|Updated} {schedule|rota} for {next week|the summer}',
    body: '{Hi|Hello},\n\n{In short,|Briefly,} the {new|updated} {schedule|rota}: {mornings|afternoons} stay the same, {Fridays|Mondays} {change|move} {a little|slightly}.\n\n{Thanks|Regards}',
  },
  {
    subject: '{Hello|Hi} from {Berlin|Lisbon|Lyon|the office}',
    body: '{Hi|Hey},\n\n{Greetings|Hello} from {Berlin|Lisbon|Lyon|the office}. {The weather is|It is} {great|rainy|cold} {here|today}; {hope all is well|I hope you are well} {with you|on your side}.\n\n{Talk soon|Best}',
  },
  {
    subject: '{Order|Delivery} {confirmed|arrived}',
    body: '{Hi|Hello},\n\n{The order|The delivery|Your package} {arrived|came in} {this morning|today|earlier}. {Everything looks|All looks} {fine|complete|good}.\n\n{Thanks|Cheers}',
  },
  {
    subject: '{Idea|An idea} for {the newsletter|the blog|the team day}',
    body: '{Hi|Hey},\n\n{I had an idea|Here is an idea} for {the newsletter|the blog|the team day}: {a short interview|a quiz|a photo series} with {the new colleagues|people from each team}. {What do you think|Thoughts}?\n\n{Cheers|Best}',
  },
  {
    subject: '{Room|Desk} {booking|reservation}',
    body: '{Hello|Hi},\n\n{I reserved|I booked} {the small room|the meeting room|two desks} for {Wednesday|Thursday} {morning|afternoon}. {Let me know|Tell me} if {that does not work|you need it longer}.\n\n{Thanks|Best}',
  },
  {
    subject: '{Question|Quick question} about {access|the login|the new tool}',
    body: '{Hi|Hello},\n\n{Do you know|Any idea} {who|whom I should ask} {to get|for} {access to|a login for} the {new tool|shared drive|dashboard}? {I could not find it|Nobody seems to know}.\n\n{Thanks|Cheers}',
  },
];

const englishReplies: string[] = [
  '{Thanks|Thank you|Many thanks}, {that works for me|sounds good|perfect}. {Talk soon|Speak soon|Cheers}',
  '{Got it|Noted}, {thanks|thank you} for {letting me know|the update|the heads-up}.',
  '{Sure|Of course}, {happy to|glad to} {help|do that}. {I will get back to you|I will reply} {later today|tomorrow|this week}.',
  '{Great|Good} {news|to hear}! {Thanks|Thank you} for {sharing|the note}.',
  '{Yes|Sounds good}, {Thursday|Friday|next week} {works|is fine} for me. {See you then|Looking forward}.',
  '{Thanks|Thank you}, {I will have a look|I will check} {and come back to you|and let you know}.',
  '{Thanks for the reminder|Thanks for checking in}, {all good|everything is fine} {here|on my side}.',
  '{Ha|Oh nice}, {thanks|thank you}! {I will take a look|I will check it out} {this weekend|soon}.',
];

/** The same kind of notes between colleagues, written in German (not translated line by line). */
const germanMessages: Array<{ subject: string; body: string }> = [
  {
    subject: '{Kurze Frage|Frage} wegen {Donnerstag|Freitag|nächster Woche}',
    body: '{Hallo|Hi},\n\n{hast du|hättest du} {Donnerstag|Freitag|nächste Woche} {kurz|ein paar Minuten} Zeit, um {den Plan|den Zeitplan|die Zahlen} {durchzugehen|zu besprechen}?\n\n{Danke|Vielen Dank|Viele Grüße}',
  },
  {
    subject: '{Notizen|Ein paar Notizen} von {heute|heute Morgen|gestern}',
    body: '{Hallo|Hi},\n\n{ich habe|ich hab} {ein paar|einige} {Notizen|Gedanken} {zum Gespräch|zu unserem Treffen|zur Besprechung} {aufgeschrieben|zusammengefasst}. {Nichts Dringendes|Keine Eile}, aber {sag Bescheid|gib mir Bescheid}, falls ich {etwas vergessen|etwas übersehen} habe.\n\n{Viele Grüße|Danke}',
  },
  {
    subject: '{Mittagessen|Kaffee} {nächste Woche|am Dienstag|am Mittwoch}?',
    body: '{Hi|Hallo},\n\n{hast du|hättest du} {nächste Woche|am Dienstag|am Mittwoch} Zeit für {ein Mittagessen|einen Kaffee}? {Es wäre schön|Ich würde mich freuen}, {mal wieder zu quatschen|zu hören, wie es bei dir läuft}.\n\n{Bis bald|Liebe Grüße}',
  },
  {
    subject: '{Kurz zum|Zum} {Entwurf|Angebot|Dokument}',
    body: '{Hallo|Hi},\n\n{ich habe mir|ich habe mir gerade} {den Entwurf|das Angebot|das Dokument} {angesehen|durchgelesen}. {Sieht gut aus|Passt so weit|Wirkt solide}, nur {zwei|ein paar} {kleine|kurze} {Anmerkungen|Punkte} {zu Seite zwei|zum letzten Abschnitt}.\n\n{Danke|Viele Grüße}',
  },
  {
    subject: '{Kurzes Update|Zwischenstand} zum {Projekt|Zeitplan|Auftrag}',
    body: '{Hallo|Hi},\n\n{kurzes Update|kurzer Zwischenstand|nur kurz zum Stand}: {Das Projekt|Die Arbeit|Die Lieferung} {liegt im Plan|läuft gut|kommt gut voran}, und wir {sollten|wollen} {bis Freitag|Anfang nächster Woche|noch diesen Monat} {fertig sein|alles abgeschlossen haben}.\n\n{Grüße|Viele Grüße}',
  },
  {
    subject: '{Danke|Vielen Dank} für {gestern|heute|die Hilfe}',
    body: '{Hi|Hallo},\n\n{nochmals danke|vielen Dank} für {deine Hilfe|die Unterstützung|deine Zeit} {gestern|heute|vorhin}. {Das hat mir|Das hat uns} {einiges|die Sache|vieles} {deutlich leichter gemacht|sehr erleichtert}.\n\n{Liebe Grüße|Viele Grüße}',
  },
  {
    subject: '{Termin|Meeting} {verschoben|verlegt}',
    body: '{Hallo|Hi},\n\n{kurze Info|nur zur Info}: {Das Meeting|Unser Termin} {wurde|wird} auf {15 Uhr|10 Uhr|den Nachmittag} {verschoben|verlegt}. {Gleicher Raum|Gleicher Link wie immer|Sonst bleibt alles gleich}.\n\n{Danke|Bis dann}',
  },
  {
    subject: '{Frage|Kurze Frage} zur {Rechnung|Auswertung|Abrechnung}',
    body: '{Hallo|Hi},\n\n{könntest du|kannst du} {bitte mal|kurz} die {Rechnung|Auswertung|Abrechnung} {vom letzten Monat|für März|von neulich} {prüfen|durchsehen}? {Ich glaube|Mir scheint}, {eine Zeile|ein Betrag} {stimmt nicht|ist nicht richtig}.\n\n{Danke|Vielen Dank}',
  },
  {
    subject: '{Wochenende|Urlaub}',
    body: '{Hi|Hallo},\n\n{wie war|wie war denn} {dein Wochenende|dein Urlaub|dein freier Tag}? {Wir waren endlich|Ich war endlich} {wandern|am See|in den Bergen}, {und das war|das war} {super|herrlich|wirklich nötig}.\n\n{Bis bald|Liebe Grüße}',
  },
  {
    subject: '{Dateien|Unterlagen} {vom Montag|vom Workshop|zur Besprechung}',
    body: '{Hallo|Hi},\n\n{ich habe|ich hab} die {Dateien|Folien|Unterlagen} {vom Montag|vom Workshop|zur Besprechung} {im gemeinsamen Ordner abgelegt|wie besprochen hochgeladen}. {Sag Bescheid|Gib mir Bescheid}, {falls du sie nicht findest|falls etwas fehlt}.\n\n{Viele Grüße|Grüße}',
  },
  {
    subject: '{Kurze Nachfrage|Ich melde mich nochmal}',
    body: '{Hallo|Hi},\n\n{ich wollte kurz nachfragen|ich melde mich kurz} wegen {unseres letzten Gesprächs|der offenen Punkte|unseres Telefonats}. {Gibt es|Gibt es schon} {Neuigkeiten|etwas Neues} {bei dir|aus deinem Team}?\n\n{Danke|Viele Grüße}',
  },
  {
    subject: '{Themen|Agenda} für {morgen|das nächste Treffen}',
    body: '{Hi|Hallo},\n\nfür {morgen|das nächste Treffen} {würde ich|möchte ich} {drei|ein paar} {Themen|Punkte} {vorschlagen|mitbringen}: {das Budget|den Zeitplan}, {die neue Stelle|das neue Büro} und {offene Fragen|alles Weitere}.\n\n{Danke|Bis dann}',
  },
];

const germanReplies: string[] = [
  '{Danke|Vielen Dank}, {das passt mir|klingt gut|perfekt}. {Bis bald|Bis dann|Viele Grüße}',
  '{Alles klar|Verstanden}, {danke|vielen Dank} für {die Info|das Update|den Hinweis}.',
  '{Klar|Gern}, {mache ich|ich kümmere mich darum}. {Ich melde mich heute noch|Ich melde mich morgen|Ich gebe dir morgen Bescheid|Du hörst diese Woche von mir}.',
  '{Super|Schön}, {das freut mich|das sind gute Nachrichten}! {Danke|Vielen Dank} {für die Info|fürs Bescheidsagen}.',
  '{Ja|Gern}, {Donnerstag|Freitag|nächste Woche} {passt mir|geht bei mir}. {Bis dann|Ich freue mich drauf}.',
  '{Danke|Vielen Dank}, {ich schaue es mir an|ich sehe es mir an} {und melde mich|und gebe dir Bescheid}.',
  '{Danke fürs Erinnern|Danke fürs Nachfragen}, {alles gut|alles in Ordnung} {bei mir|bei uns}.',
  '{Ach|Oh} {schön|nett}, {danke|vielen Dank}! {Ich schaue am Wochenende mal rein|Ich sehe es mir bald an|Ich schaue es mir am Wochenende an}.',
];

/** The languages warm-up writes in; a mailbox's setting chooses one (docs/warmup.md). */
export const warmupLanguages = ['en', 'de'] as const;
export type WarmupLanguage = (typeof warmupLanguages)[number];

const corpora: Record<WarmupLanguage, { messages: Array<{ subject: string; body: string }>; replies: string[] }> = {
  en: { messages: englishMessages, replies: englishReplies },
  de: { messages: germanMessages, replies: germanReplies },
};

/** A stored language, or English for one this build does not ship. */
export const asWarmupLanguage = (language: string): WarmupLanguage =>
  (warmupLanguages as readonly string[]).includes(language) ? (language as WarmupLanguage) : 'en';

/** Expands `{a|b|c}` groups, each chosen by the tag (no nesting). */
function spin(text: string, tag: string, purpose: string): string {
  let group = 0;
  return text.replace(/\{([^{}]*)\}/g, (_, options: string) => {
    const choices = options.split('|');
    group += 1;
    return choices[Math.floor(tagFraction(tag, `${purpose}:${group}`) * choices.length)]!;
  });
}

/** The tag as the body carries it (the contract's WARMUP_TAG_PATTERN), on its own last line. */
const withTag = (body: string, tag: string) => `${body}\n\now-${tag}`;

/** A new warm-up message's subject and plain-text body in the sender's language, fixed by its tag. */
export function composeWarmupMessage(tag: string, language = 'en'): { subject: string; text: string } {
  const { messages } = corpora[asWarmupLanguage(language)];
  const template = messages[Math.floor(tagFraction(tag, 'message') * messages.length)]!;
  return { subject: spin(template.subject, tag, 'subject'), text: withTag(spin(template.body, tag, 'body'), tag) };
}

/** A warm-up reply: "Re: " the subject it answers, and a short answer in the replier's language, fixed by the reply's own tag. */
export function composeWarmupReply(tag: string, answeredSubject: string, language = 'en'): { subject: string; text: string } {
  const { replies } = corpora[asWarmupLanguage(language)];
  const template = replies[Math.floor(tagFraction(tag, 'reply') * replies.length)]!;
  const subject = /^re:/i.test(answeredSubject) ? answeredSubject : `Re: ${answeredSubject}`;
  return { subject, text: withTag(spin(template, tag, 'body'), tag) };
}
