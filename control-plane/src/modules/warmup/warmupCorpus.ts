import { tagFraction } from './warmupTag.js';

/**
 * Short, natural messages between colleagues, in spintax (`{a|b|c}`): each message picks its variant
 * from its tag, so it reads the same on every attempt and differs from its neighbours. Plain text,
 * no links, no signature block: nothing a filter would take for marketing.
 */
const initialMessages: Array<{ subject: string; body: string }> = [
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

const replyMessages: string[] = [
  '{Thanks|Thank you|Many thanks}, {that works for me|sounds good|perfect}. {Talk soon|Speak soon|Cheers}',
  '{Got it|Noted}, {thanks|thank you} for {letting me know|the update|the heads-up}.',
  '{Sure|Of course}, {happy to|glad to} {help|do that}. {I will get back to you|I will reply} {later today|tomorrow|this week}.',
  '{Great|Good} {news|to hear}! {Thanks|Thank you} for {sharing|the note}.',
  '{Yes|Sounds good}, {Thursday|Friday|next week} {works|is fine} for me. {See you then|Looking forward}.',
  '{Thanks|Thank you}, {I will have a look|I will check} {and come back to you|and let you know}.',
  '{Thanks for the reminder|Thanks for checking in}, {all good|everything is fine} {here|on my side}.',
  '{Ha|Oh nice}, {thanks|thank you}! {I will take a look|I will check it out} {this weekend|soon}.',
];

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

/** A new warm-up message's subject and plain-text body, fixed by its tag. */
export function composeWarmupMessage(tag: string): { subject: string; text: string } {
  const template = initialMessages[Math.floor(tagFraction(tag, 'message') * initialMessages.length)]!;
  return { subject: spin(template.subject, tag, 'subject'), text: withTag(spin(template.body, tag, 'body'), tag) };
}

/** A warm-up reply: "Re: " the subject it answers, and a short answer, fixed by the reply's own tag. */
export function composeWarmupReply(tag: string, answeredSubject: string): { subject: string; text: string } {
  const template = replyMessages[Math.floor(tagFraction(tag, 'reply') * replyMessages.length)]!;
  const subject = /^re:/i.test(answeredSubject) ? answeredSubject : `Re: ${answeredSubject}`;
  return { subject, text: withTag(spin(template, tag, 'body'), tag) };
}
