// Conversation templates per phase. Each exchange is a short back-and-forth; a line starts with the
// speaker's role — R the host, S a second internal person (solutions engineer, manager, colleague),
// P a prospect/customer — and may hold several sentences. Placeholders in braces are filled per call.

export type Exchange = readonly string[];

export const BACKCHANNELS = ['Yeah.', 'Mm-hmm.', 'Right.', 'Okay.', 'Sure.', 'Got it.', 'Makes sense.', 'Yep.', 'Totally.', 'Interesting.'];

export const PHASE_LINES: Record<string, readonly Exchange[]> = {
  greeting: [
    ['R: Hey {prospect}, can you hear me okay?', 'P: Yep, loud and clear. Sorry, I was just jumping off another call.', 'R: No worries at all, thanks for making the time.'],
    ['R: Good morning {prospect}, how is everything over in {city}?', 'P: Pretty good, a bit grey today but can\'t complain. How about you?', 'R: Doing well, thanks. Busy week, but the good kind of busy.'],
    ['P: Hi {rep}, good to see you again.', 'R: Likewise. Did you have a good weekend?', 'P: I did, we finally got out hiking. The kids were exhausted by the end of it.', 'R: That sounds great.'],
    ['R: I think we are just waiting on one more person to join.', 'P: Yeah, {prospect2} said she might be a couple of minutes late.', 'R: Okay, let\'s give it a minute and then get started.'],
    ['R: Thanks for joining, everyone. I know it\'s the end of the quarter so I really appreciate it.', 'P: Of course. It\'s been on my list to get this moving.'],
  ],
  agenda: [
    ['R: So for today, I was hoping to spend the first part learning about your team and how you handle reporting today. Then I can show you a bit of {product}, and we leave ten minutes at the end for next steps. Does that work?', 'P: That works. I have a hard stop at the top of the hour, just so you know.', 'R: Perfect, we will keep it tight.'],
    ['R: Before we dive in, is there anything specific you want to make sure we cover today?', 'P: Mainly I want to understand how this would fit with our Salesforce setup. That\'s the big one for us.', 'R: Great, let\'s make sure we get to that.'],
    ['R: Quick agenda check. We recap where we left off, go through the open questions from last time, and agree on a plan. Anything to add?', 'P: Maybe just pricing, {prospect2} will ask me about it as soon as we hang up.', 'R: Ha, fair enough. We will cover it.'],
    ['R: I\'ll keep intros short. I\'m {rep}, I lead the relationship on our side, and {se} is here to answer the technical questions.', 'S: Hi everyone, happy to be here.', 'P: Great, thanks both.'],
  ],
  discovery: [
    ['R: So tell me a bit about what prompted you to take this call.', 'P: Honestly, {pain}. It has been like that for a while, but this quarter it really came to a head.', 'R: What happened this quarter that made it more urgent?', 'P: We missed our forecast by quite a lot and leadership wanted to know why nobody saw it coming.'],
    ['R: Who feels that pain the most today?', 'P: Probably our ops team. They are the ones pulling the data together every Monday morning.', 'R: How many people are we talking about?', 'P: About {seats} people touch the reports in some way, but three or four do the heavy lifting.'],
    ['R: If you could wave a magic wand, what would reporting look like six months from now?', 'P: One place where everybody looks at the same numbers. And I don\'t want to be the person exporting CSV files at ten at night.', 'R: That\'s a very common goal. What would that be worth to the business?', 'P: Hard to put a number on it, but if we get even one forecast right it pays for itself.'],
    ['R: How are decisions like this usually made at {company}?', 'P: I would own the evaluation, but our CFO signs off on anything over fifty thousand.', 'R: Got it. And is there anyone in IT who needs to be involved early?', 'P: Yes, security will want to review anything that touches customer data.'],
    ['R: What have you tried so far to fix it?', 'P: We built some dashboards in-house, but the person who built them left in the spring.', 'R: So nobody really owns them now?', 'P: Exactly. They kind of work until they don\'t.'],
    ['R: You mentioned the board deck earlier. Walk me through how that comes together.', 'P: Finance pulls bookings, sales ops pulls pipeline, and then somebody reconciles the two in a spreadsheet.', 'R: How long does that take?', 'P: Usually three days, sometimes more if the numbers don\'t match.'],
    ['R: What happens if you don\'t solve this in the next six months?', 'P: Then we go into planning season flying blind again. I really don\'t want to do that.', 'R: Understood.'],
  ],
  'current-process': [
    ['R: What are you using today for reporting?', 'P: Mostly {competitor}, plus a lot of spreadsheets on top of it.', 'R: And what do you like about it?', 'P: People know it. But it\'s slow and it doesn\'t talk to our CRM very well.'],
    ['R: Where does the data live today?', 'P: Salesforce for pipeline, NetSuite for finance, and we just started moving things into Snowflake.', 'R: Okay, that\'s helpful. Is Snowflake the source of truth going forward?', 'P: That\'s the plan, but we are maybe halfway there.'],
    ['R: Who maintains the current setup?', 'P: One analyst on my team, and she is stretched really thin.', 'R: If she went on vacation for two weeks, what would happen?', 'P: Honestly? The reports would just stop.'],
    ['P: The other issue is that every region calculates revenue a little differently.', 'R: That comes up a lot. Is there an agreed definition anywhere?', 'P: There\'s a doc, but nobody follows it.'],
    ['R: How do your reps see their own numbers today?', 'P: They ask their manager, or they build their own list views in Salesforce.', 'R: So a lot of shadow reporting.', 'P: Tons of it.'],
  ],
  demo: [
    ['R: Let me share my screen. Can you see the dashboard?', 'P: Yes, I can see it.', 'R: So this is the pipeline health view. Everything here is live from Salesforce, refreshed every fifteen minutes.', 'P: Every fifteen minutes? That alone would be a big step up.'],
    ['S: What I want to show you next is {feature}. This is where most of our customers spend their time.', 'P: Can you filter that by region?', 'S: Yes, any field you have in the CRM can be a filter. Let me show you with EMEA.', 'P: Okay, nice. That was fast.'],
    ['R: Here you can see the forecast by rep, and the variance against last week.', 'P: How does it decide what counts as committed?', 'R: It uses your forecast category field, so it follows the definition you already have.', 'P: Good, I don\'t want to relitigate that.'],
    ['S: Now let\'s say the CFO asks why the number dropped. You click here, and you get the deals that moved out of the quarter.', 'P: Oh, that is exactly the question we get every Monday.', 'S: Right, and you can send this view to them as a link instead of a screenshot.'],
    ['P: Can I build my own metrics, or do I need your team for that?', 'R: You can build them yourself. Let me show you, it takes about a minute.', 'P: Okay, go for it.', 'R: So I pick the object, the measure, and the time frame, and that\'s it. It shows up in the library for everyone.'],
    ['R: One thing customers love is {feature2}. Let me pull it up.', 'P: Is that included or is it an add-on?', 'R: It\'s included in the Growth plan, which is what I would recommend for a team your size.'],
    ['P: What does this look like on mobile?', 'R: Good question. The dashboards are responsive, and there\'s an app for iOS and Android.', 'P: Our VP lives on his phone, so that matters.'],
    ['R: Let me pause there. How does this compare to what you pictured?', 'P: Honestly, it\'s closer than I expected. The drill-down is the part that sold me.', 'R: Great to hear.'],
  ],
  technical: [
    ['P: How does the Salesforce integration actually work?', 'S: We connect through the REST API with a read-only integration user. The initial sync usually takes a few hours, and after that it\'s incremental.', 'P: Does it count against our API limits?', 'S: It does, but it\'s typically under two percent of your daily allowance.'],
    ['P: Can you connect to Snowflake directly?', 'S: Yes, we support a direct connection with key pair authentication. You control which schemas we can see.', 'P: Okay, our data team will want to see the docs for that.', 'S: I\'ll send them over after the call.'],
    ['P: Do you have an API? We want to push some numbers into our internal portal.', 'S: We do, it\'s a REST API with OAuth. Rate limits are pretty generous, and there are webhooks for changes.', 'P: Good.'],
    ['P: How long does a typical implementation take?', 'S: For a setup like yours, three to four weeks. Most of that is mapping your fields and agreeing on definitions.', 'P: That\'s faster than I expected.'],
    ['P: What happens when we add custom fields in Salesforce?', 'S: They show up automatically on the next sync. You just decide whether to expose them in the library.', 'P: Perfect.'],
  ],
  security: [
    ['P: Our security team will ask about certifications. What do you have?', 'S: We are SOC 2 Type II and ISO 27001 certified, and we can share the reports under NDA.', 'P: Okay, that will make the review much easier.'],
    ['P: Where is the data hosted?', 'S: In AWS, and you can choose US or EU regions. For {company} I assume EU would matter for GDPR?', 'P: Yes, at least for our European entities.'],
    ['P: Do you support single sign-on?', 'S: Yes, SAML with Okta, Azure AD and Google. SCIM provisioning is included as well.', 'P: Great, we are on Okta.'],
    ['P: Who on your side can see our data?', 'S: Only support engineers, only with your explicit approval, and every access is in the audit trail.', 'P: Can we export that audit trail?', 'S: Yes, through the API or as a CSV.'],
    ['P: We will need you to fill out our vendor questionnaire.', 'R: Of course. Send it over and we usually turn those around within a week.', 'P: It\'s about two hundred questions, just so you\'re warned.', 'R: We have seen worse, don\'t worry.'],
  ],
  pricing: [
    ['P: So let\'s talk about pricing. What does this cost?', 'R: For {seats} users on the Growth plan, you\'re looking at about {amount} a year.', 'P: Hmm, that\'s more than we budgeted.', 'R: Understood. What number did you have in mind?'],
    ['R: Pricing is per seat, billed annually. Viewers are free, so you only pay for people who build reports.', 'P: Oh, that changes things. Most of our people would just be viewing.', 'R: Exactly, so the real number could be quite a bit lower.'],
    ['P: Is there any flexibility on price if we sign a two-year deal?', 'R: There is. On a two-year term I can usually get you around ten percent off.', 'P: And if we pay upfront?', 'R: Let me check with my manager, but I think we can do something there.'],
    ['P: Does the price include implementation?', 'R: Standard onboarding is included. If you want a dedicated implementation consultant, that\'s a separate package.', 'P: I think standard would be enough for us.'],
    ['P: Our budget for this year is pretty much spent.', 'R: That\'s helpful to know. Would it help if the contract started next quarter?', 'P: It might, actually. Let me check with finance.'],
  ],
  negotiation: [
    ['P: We reviewed the proposal. The main sticking point is the price.', 'R: Okay. Is it the total, or the way it\'s structured?', 'P: The total. {competitor} came in about fifteen percent lower.', 'R: I appreciate you telling me. Are they quoting the same scope?'],
    ['M: If we can get the paperwork signed by the end of the month, I can approve an additional discount.', 'P: How much are we talking about?', 'M: Another five percent on year one.', 'P: Okay, that\'s getting closer.'],
    ['P: Legal has some redlines on the MSA, mostly around liability caps.', 'R: That\'s pretty standard. Send them over and I\'ll loop in our legal team today.', 'P: Will do.'],
    ['P: Procurement wants net sixty payment terms.', 'R: Our standard is net thirty, but I think we can accommodate net sixty for a two-year agreement.', 'P: That would help a lot.'],
    ['R: If we solve the price question, is there anything else standing in the way of signing?', 'P: Not really. Security signed off last week.', 'R: Great, then let\'s focus on getting the commercials right.'],
  ],
  competition: [
    ['R: Are you looking at any other options?', 'P: We are also talking to {competitor}. They came recommended by our board.', 'R: Makes sense. What do you like about them so far?', 'P: The brand, mostly. But their demo felt very generic.'],
    ['P: How are you different from {competitor}?', 'R: The short answer is we are built for revenue teams, not for analysts. Your reps and managers can actually use it without training.', 'P: That matters. Our last rollout failed because nobody logged in.'],
    ['P: Honestly, the other option is to keep building in-house.', 'R: That\'s always an option. How much time did the last build take?', 'P: About six months of one engineer.', 'R: And how is it holding up?', 'P: Not great, to be honest.'],
  ],
  timeline: [
    ['R: Is there a date you are working toward?', 'P: We want something live before planning season, so ideally by {month}.', 'R: Okay, so working back from that, we would need a decision in the next few weeks.', 'P: That sounds right.'],
    ['R: What else is going on at {company} that could get in the way?', 'P: We are in the middle of a Salesforce clean-up, but that should be done this month.', 'R: Good to know, we can plan around it.'],
    ['P: Our fiscal year ends in {month}, so budget decisions happen before that.', 'R: Understood. Who else needs to be involved for budget approval?', 'P: Just the CFO.'],
  ],
  onboarding: [
    ['R: Welcome aboard, everyone. Today is all about getting you set up and agreeing on the first milestones.', 'P: Excited to get going. The team has been asking when they get access.', 'R: Love to hear that. We will have logins out by the end of the week.'],
    ['R: First step is connecting Salesforce. Who on your side has admin rights?', 'P: That would be {prospect2} from our ops team.', 'R: Great, I\'ll set up a thirty-minute session with her this week.'],
    ['R: Let\'s agree on the three dashboards you want live in the first thirty days.', 'P: Pipeline coverage, forecast accuracy, and win rates by segment.', 'R: Perfect, those are very doable.'],
    ['P: How do we handle training for the managers?', 'R: We run two live sessions, one for admins and one for managers, and everything is recorded.', 'P: Good, some of our managers are in Europe.', 'R: We can schedule one of the sessions in the morning for them.'],
    ['R: How are the users finding it so far?', 'P: Mostly positive. A few people are confused about where to find saved views.', 'R: That\'s a common one. I\'ll send a short video that walks through it.'],
    ['R: Any blockers on your side this week?', 'P: We are waiting on IT to approve the SSO configuration.', 'R: Okay, I can send the SAML metadata again if that helps.', 'P: Please do.'],
  ],
  review: [
    ['R: Let\'s start with adoption. Weekly active users are up to seventy-eight percent, which is well above our benchmark.', 'P: That\'s great. The managers really took to it.', 'R: We see that. The forecast view is the most used page by far.'],
    ['R: When we started, the goal was to cut report preparation time in half. Where do you think you landed?', 'P: Honestly, better than half. The Monday report takes about an hour now.', 'R: That\'s fantastic. Would you be open to sharing that in a case study?', 'P: Possibly, let me ask our marketing team.'],
    ['P: One thing that\'s not going well is the EMEA team. They are still using their old spreadsheets.', 'R: Thanks for flagging that. Would a dedicated session for them help?', 'P: I think it would, yes.'],
    ['R: Here\'s what we have on the roadmap for next quarter, including {feature}.', 'P: That one would be really useful for us.', 'R: I\'ll make sure you are in the early access group.'],
    ['R: How is forecast accuracy trending compared to last year?', 'P: We were within four percent last quarter, compared to about twenty the year before.', 'R: That\'s a big improvement.'],
  ],
  renewal: [
    ['R: Your renewal is coming up in {month}. I wanted to start the conversation early.', 'P: Appreciate that. We definitely plan to renew.', 'R: Great. Are you thinking about the same number of seats?', 'P: Probably a few more. The EMEA team wants access now.'],
    ['P: Before we renew, I do need to understand the price increase.', 'R: That\'s fair. The list price went up seven percent this year, but I can hold your current rate for a two-year renewal.', 'P: That would make it much easier internally.'],
    ['P: We are under pressure to cut tools this year.', 'R: I understand. What would help make the case that this one stays?', 'P: Hard numbers on time saved.', 'R: I can put that together from your usage data.'],
  ],
  'next-steps': [
    ['R: So for next steps, I will send over the recap and the security documents today.', 'P: Great. I will share them with our security team.', 'R: And let\'s book a follow-up with {prospect2} for next {day}.', 'P: Works for me, send a calendar invite.'],
    ['R: What would you like to see happen next?', 'P: I think a trial with the ops team would make sense.', 'R: Agreed. I can set up a two-week trial starting Monday.', 'P: Sounds good.'],
    ['R: Just to recap: you will check the budget with finance, and I will send the proposal by {day}.', 'P: Yes, that\'s right.', 'R: Perfect.'],
    ['P: What do you need from us to move forward?', 'R: Mostly a list of the users and access to a Salesforce sandbox.', 'P: I can get you both this week.'],
    ['R: I\'ll follow up by email with everything we discussed.', 'P: Thanks, that would be helpful.'],
  ],
  'cold-open': [
    ['R: Hi {prospect}, this is {rep} from {seller}. I know I\'m calling out of the blue, do you have thirty seconds?', 'P: Uh, sure, thirty seconds.', 'R: Thanks. We help revenue teams get one trusted view of pipeline and forecast, without the spreadsheets. Is that something you are working on at {company}?'],
  ],
  pitch: [
    ['R: The reason I\'m calling is that a lot of ops leaders we talk to tell us {pain}. Does that sound familiar at all?', 'P: Yeah, a little too familiar actually.', 'R: Ha, I hear that a lot.'],
    ['R: We work with teams like yours, companies in {industry}, and usually cut reporting time in half within a quarter.', 'P: Okay. How does it work?', 'R: We connect to your CRM and give every manager a live forecast view.'],
  ],
  objection: [
    ['P: To be honest, we already have something for this.', 'R: Totally fair. Out of curiosity, what are you using?', 'P: {competitor}, mostly.', 'R: Got it. And how happy is the team with it?', 'P: It\'s fine. Not great, but fine.'],
    ['P: Now is not a great time, we are in the middle of budget season.', 'R: Understood. Would it make sense to talk in a few weeks instead?', 'P: Maybe, yeah.'],
    ['P: Can you just send me some information?', 'R: Happy to. So I send the right thing, what is the biggest reporting headache for you right now?', 'P: Forecasting, probably.'],
    ['P: I\'m not the right person for this.', 'R: No problem. Who would you say owns reporting at {company}?', 'P: Probably {prospect2} in sales operations.', 'R: Thank you, that\'s really helpful.'],
  ],
  voicemail: [
    ['R: Hi {prospect}, it\'s {rep} from {seller}. I\'m calling because we help teams like yours at {company} fix their forecasting. I\'ll send you a quick email as well. Have a great day.'],
    ['R: Hey {prospect}, {rep} here with {seller}. Just following up on my email from last week. You can reach me at this number. Thanks.'],
  ],
  pipeline: [
    ['R: Okay, let\'s go through the commit deals. {rep2}, start us off with {company}.', 'S: Sure. They are in negotiation, legal has the redlines, and we expect signature by the end of the month.', 'R: What\'s the risk?', 'S: Procurement could push it into next quarter.'],
    ['R: What happened with the {company} opportunity? It moved out again.', 'S: Their CFO wants to see a business case before approving.', 'R: Do we have a champion helping us build it?', 'S: Yes, {prospect} is on it, we have a call on {day}.'],
    ['R: Coverage for next quarter is looking thin. Where is new pipeline coming from?', 'S: We have three discovery calls booked this week from the event.', 'R: Good. Let\'s make sure those get qualified fast.'],
    ['R: Let\'s look at deals with no activity in two weeks.', 'S: {company} is one of them. They went quiet after the demo.', 'R: Try going through the SE contact. Sometimes that unlocks it.'],
    ['S: I need help on pricing for {company}. They are asking for twenty percent off.', 'R: What are they willing to give in return?', 'S: Two-year term and a case study.', 'R: Then I can support fifteen. Let\'s talk after this call.'],
  ],
  wrap: [
    ['R: Thanks so much for your time today, {prospect}.', 'P: Thank you, this was really helpful.', 'R: Talk soon. Bye now.'],
    ['P: Alright, I have to jump to another meeting. Thanks, everyone.', 'R: Thanks {prospect}, have a great rest of your day.'],
    ['R: Anything else before we wrap up?', 'P: No, I think we covered everything.', 'R: Great, speak soon.'],
  ],
};
