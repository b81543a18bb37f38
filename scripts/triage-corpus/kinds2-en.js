// Even more English fragments, written by hand for this corpus, for the automatable kinds it covered thinly: long or
// detailed messages that still end in one plain question, hedged questions ("not urgent", "not a complaint", "sorry
// to bother"), ordinary questions wrapped in emotional idioms or exaggerated frustration with a form, several
// automatable questions in one message, and everyday self-service problems (a declined card, a promo code that does
// not apply, stale tracking, a missing accessory to exchange, a refund not yet visible). Hard negatives keep cue words
// in harmless roles or negated, in the same long registers. No public dataset text is copied or paraphrased here.
module.exports = {
	automatable: {
		store: [
			// 1. detailed context + one plain question
			['L1', 'hi, I live in [Madrid|Berlin|Chicago] at the moment but my parents are in {city}. I want to order a {product} for them and have it delivered straight to their house, paid with my card from here. [is that possible|can I do that] and how long would delivery to {city} take?'],
			['L1', 'I\'m buying a {product} as a [birthday|graduation|wedding] gift for my {relative}. it should go directly to [her|his] address in {city} and I don\'t want the price showing anywhere in the box. do you [include a gift receipt|have a gift option at checkout]?'],
			['L1', 'the {product} I want is a bit over what I have on one card, so I was thinking of [splitting it|paying half and half] between my debit card and a credit card. does your checkout let me pay one order with two cards?'],
			['L1', 'Hello,\n\nI downloaded the invoice for {order} for my accountant and the tax details are wrong: [the company name is missing an "S.A. de C.V."|the RFC has a typo|it has my personal name instead of the business]. The order itself is fine.\n\nHow do I get the invoice re-issued with the correct data?\n\nThanks,\n{name}'],
			['L1', 'I bought the {product} about [two months|six weeks] ago without the extended warranty, and now I\'m thinking I\'d like it after all. can the extended warranty be added later to something I already bought, and how much does it cost?'],
			['L1', 'I asked for a password reset this morning. the email went to my spam folder and I only found it [after lunch|tonight], and now the link says it has expired. do I just request a new one, and how long are the links valid for?'],
			['L1', 'trying to create an account on your site from my laptop. I fill in everything, but the form keeps saying my phone number is invalid. I\'ve tried [with +52|with and without the area code|with spaces and without]. what format does it expect?'],
			['L1', 'paying for {order} with my credit card, the bank\'s 3-D Secure page opened and said it sent me a code by SMS, but the code never arrived. I\'ve tried {times} now. what can I do to finish the payment?'],
			['L1', 'I\'m moving from {city} to [Puebla|Querétaro|Mérida] in [two weeks|a month] and I\'d like to buy a [fridge|washing machine|{product}] now so it\'s waiting at the new place. can I schedule delivery for a specific future date?'],
			['L1', 'my company reimburses home-office equipment, but only if the invoice shows their tax ID and the item is under [$5,000|a set amount]. I\'m about to order a {product}. can I enter the company\'s tax details at checkout, or do I request the invoice afterwards?'],
			['L1', 'I work [nights|12 hour shifts] and nobody is home during the day. if I order a {product} for delivery to {city}, can I pick a time window, or is there a pickup point where I can collect it instead?'],
			['L1', 'we\'re furnishing a rental flat in {city} and I\'ll order a [{product}, a microwave and a lamp|few appliances] over the next week, probably in separate orders. is shipping charged per order, or does it get combined if they go to the same address?'],
			// 1b. detailed context, action
			['L2', 'Hi,\n\nI returned the {product} from {order} last week. The courier scanned it on [Monday|Tuesday] and the tracking shows it was delivered to your warehouse. I haven\'t seen the refund on my card yet.\n\nCould you tell me where the refund is at?\n\n{name}'],
			['L2', 'I ordered a {product} as a surprise for my {relative} and just realised I put MY address instead of [hers|his] in {city}. it hasn\'t shipped yet according to the app. can you change the delivery address on {order}?'],
			['L2', 'hello, I placed {order} on [Friday night|the weekend] with standard delivery. it\'s for a trip I\'m leaving on [Thursday|next week] and I want to be sure it arrives before then. can you check where it is?'],
			['L2', 'bought a {product} in {order}, and then my partner bought the exact same one the same day as a surprise 😅 we only need one. can I cancel mine or, if it\'s shipped, start a return?'],
			// 2. hedged
			['L1', 'not urgent at all and probably a silly question, but does the {product} come with [a plug for Mexico|the charger in the box|a manual in Spanish]?'],
			['L1', 'sorry to bother you on a [Sunday|holiday]. just asking: is your {city} store open [tomorrow|on the 1st]?'],
			['L1', 'this is not a complaint, everything arrived perfectly. I\'m just curious what your return policy is for [opened boxes|gifts|items bought on sale], for next time.'],
			['L1', 'I\'m not asking for a discount or an exception, I just want to know if the {product} ever goes on sale, or if you have a newsletter for offers.'],
			['L1', 'nothing weird going on with my account, I just want to change the email address on it because I\'m closing my old one. how do I do that?'],
			['L1', 'hi, probably a dumb question: do I need an account to buy, or can I check out as a guest?'],
			['L2', 'no rush whatsoever, it\'s not needed until next month. just wondering whether {order} has shipped yet or is still being prepared.'],
			['L2', 'I know you\'re busy so no pressure, but I\'d like to cancel {order}, I found I already have a {product} at home. it was placed [an hour ago|this morning].'],
			// 3. emotional idioms
			['L1', 'I\'m DYING to get my hands on the new {product}, when is it back in stock at the {city} store?? 😭'],
			['L1', 'your sign-up form is making me lose my mind lol. it keeps rejecting my password, what are the rules? how many characters, symbols?'],
			['L1', 'ok I\'ve typed my address {times} and the checkout keeps wiping the postcode 💀 is there a trick to it or should I try another browser?'],
			['L1', 'the suspense is killing me, how long does express delivery to {city} actually take?'],
			['L1', 'I could scream, I spent [20 minutes|half an hour] looking for where to download invoices on your site. where is it?? (it\'s for {order})'],
			['L2', 'I\'m counting the hours lol, my {product} ({order}) said out for delivery this morning, any idea what time it\'ll arrive?'],
			['L2', 'my {relative} is going to kill me if the {product} doesn\'t arrive before [her|his] birthday on saturday 😂 can you check the status of {order}?'],
			// 4. several questions in one message
			['L1', 'a few questions before I buy: what payment methods do you accept, can I pay in [interest-free instalments|months without interest], and is it possible to pay cash at [OXXO|a convenience store]?'],
			['L1', 'hi! 1) do you deliver to {city}? 2) how much is shipping for a {product}? 3) if I don\'t like it, how many days do I have to return it?'],
			['L1', 'does the {product} have a warranty, is it the manufacturer\'s or yours, and where do I take it if something goes wrong?'],
			['L1', 'what time does the {city} store close today, do you have the {product} there, and can I reserve it online to pick it up?'],
			['L1', 'Hello,\n\nA couple of things:\n- Can I get an invoice with my company details?\n- Do you offer [business accounts|a discount for repeat purchases]?\n- Which couriers do you ship with?\n\nThanks'],
			['L2', 'two things about {order}: can you tell me when it\'ll arrive, and can I still change the colour of the {product} to [black|white]?'],
			// 5. ordinary self-service problems
			['L1', 'my card was declined [twice|again] when I tried to pay for the {product}. the bank app shows no block and I have the funds. what else could cause it?'],
			['L1', 'I have a promo code from your newsletter but it says "not valid for this order". the cart is over the minimum. does it exclude some products or am I doing something wrong?'],
			['L1', 'the gift card my {relative} gave me isn\'t being accepted at checkout, it says invalid. I\'m typing it exactly as printed. is there an expiry or a special field for it?'],
			['L2', 'the tracking page for {order} has said "in transit" for two days without updating. is it normal or is something holding it up?'],
			['L2', 'got the {product} today but there\'s no [charging cable|remote|power adapter] in the box, everything else is there. can I exchange it for a complete one?'],
			['L2', 'you emailed me [three days ago|on Monday|last week] that the refund for {order} was issued, but I still don\'t see it on my card statement. how long does it take to show up?'],
			['L2', 'the app won\'t let me cancel {order}, the button is greyed out. it was placed [20 minutes|an hour] ago. can you cancel it for me?'],
			['L2', 'I received a {product} in [blue|grey] but ordered [black|silver]. it\'s still sealed. how do I swap it for the right colour?'],
			['L2', 'Good afternoon,\n\nOrder {order} was supposed to arrive [yesterday|on Friday] according to the confirmation email. The tracking number you sent doesn\'t show any information on the courier\'s website.\n\nCould you check where the parcel is?\n\nRegards,\n{name}'],
			['L2', 'my address changed last weekend and I forgot to update it before ordering. {order} hasn\'t shipped. the new address is in {city}, same postcode area. can you update it?'],
		],
		clinic: [
			// 1. detailed context + one plain question
			['L1', 'I had a cleaning at your clinic yesterday and today my gums are a little sore and sensitive to cold, nothing dramatic. is that normal after a cleaning, and can I take ibuprofen for it?'],
			['L1', 'I recently changed jobs and my new employer gives me a dental insurance plan through [MetLife|GNP|AXA]. I need a {treatment} soon. do you accept that plan, and does it usually cover a {treatment}?'],
			['L1', 'Hello,\n\nI moved to {city} last month and I\'m looking for a new dentist. My last check-up was [about a year ago|two years ago] and I have no problems right now.\n\nWhat does a first visit include, and how long does it take?\n\nThanks,\n{name}'],
			['L1', 'my dentist back home said I\'ll eventually need a {treatment}. I\'m not in pain, just planning ahead and saving up. roughly what does a {treatment} cost with you, and do you do payment plans?'],
			['L1', 'I\'ll be paying for my {treatment} partly with my insurance and the rest out of pocket. can I pay the remaining part with a card, and do you give an invoice for tax purposes?'],
			['L1', 'my {relative} is [78|82] and uses a walker. [she|he] needs a check-up. is the clinic on the ground floor or is there a lift, and is there parking nearby?'],
			['L2', 'hi! my husband and I both need a cleaning and we\'d like to come together, one right after the other, so we only make one trip. do you have two back-to-back slots on a [Saturday|weekday afternoon]?'],
			['L2', 'I have a {treatment} appointment on [Thursday at 10|Monday morning], but work just scheduled a meeting I can\'t move at that time. could we move it to [later that week|an afternoon] instead?'],
			['L2', 'Dear clinic,\n\nI\'m writing to book a check-up and cleaning for my two kids (ages [6 and 9|7 and 11]). They\'re at school until 2pm, so it would need to be an afternoon. Ideally both on the same day.\n\nWhat availability do you have?\n\n{name}'],
			['L2', 'I booked a {treatment} for next week through the website, but I picked the wrong branch, I meant the one in {city}. can you move the appointment to that branch, same day if possible?'],
			// 2. hedged
			['L1', 'sorry to bother you, probably a silly question: do I need to brush before coming in for a cleaning, or does it not matter?'],
			['L1', 'not urgent, nothing hurts, just asking: how often do you recommend a check-up for someone with no problems?'],
			['L1', 'this isn\'t a complaint, I was happy with my visit. I just want to know whether you send a reminder before the next cleaning or I should book it myself.'],
			['L2', 'no hurry at all, but could I book my six-month check-up for [sometime in March|the first week of next month]?'],
			// 3. emotional idioms
			['L1', 'I\'m dying to get my teeth whiter before my wedding 😅 how many sessions of whitening would I need and how much is each one?'],
			['L1', 'your online booking form is driving me crazy, it won\'t accept my date of birth. am I meant to type it a certain way, or can I book another way?'],
			['L1', 'I\'m a total chicken at the dentist lol, do you offer anything to help nervous patients relax during a {treatment}?'],
			['L2', 'need a cleaning asap, my coffee habit is killing my smile 💀 any slots this week?'],
			// 4. several questions in one message
			['L1', 'a few questions: what are your opening hours on weekends, do you accept [card and cash|card payments], and do you see children?'],
			['L1', 'hello! how much is a whitening, how long does the result last, and is there anything I should avoid eating afterwards?'],
			['L1', 'do you take my insurance, do I need to bring anything to the first appointment, and how early should I arrive?'],
			// 5. ordinary self-service
			['L1', 'I paid the deposit for my {treatment} online and my card was declined, but the money doesn\'t show as taken. can I pay at the clinic instead?'],
			['L1', 'I got a filling this morning and my lip is still a bit numb. roughly how long does the anaesthetic usually last, and when can I eat?'],
			['L2', 'I never got the confirmation email for my appointment, I think I typed my email wrong. can you confirm I\'m booked for {treatment} on [Tuesday|the 14th]?'],
			['L2', 'I need to cancel my cleaning on [Wednesday|Friday], I\'ll be travelling. I\'ll rebook when I\'m back. thanks!'],
			['L2', 'Hi,\n\nI have a {treatment} booked for next month and I\'ve just found out I\'ll be away for work that whole week.\n\nCould you move it to the following week, same time if available?\n\nThank you,\n{name}'],
			['L2', 'the reminder text says my check-up is at 9 but I thought I booked 11. can you tell me which time is right, and change it to 11 if there\'s space?'],
		],
	},
	hardNegatives: [
		'This is not a complaint and nobody is angry, I promise. I just want to know how long delivery to {city} takes for a {product}.',
		'my account wasn\'t hacked or anything, I simply forgot my password after [a long holiday|not using it for months]. the reset email is in spam and the link has expired. how do I get a new one?',
		'I\'m a lawyer and I\'m swamped, so sorry for the short message: do you have the {product} in stock in {city}?',
		'the {product} is working great, no smoke, no overheating, nothing. I just want to know if the warranty covers the battery too.',
		'I was charged once, correctly, no problem there. I just need the invoice for {order} re-issued because the tax ID on it is wrong.',
		'not asking for a refund, I love the {product}! just want to buy the same one for my {relative} in {city}, do you ship there?',
		'my {relative} works in fraud prevention and told me to always ask: does your checkout use 3-D Secure? the code never came when I tried to pay for {order}.',
		'urgent?? no lol. but I am dying to know if the {product} comes in [pink|green] 😂',
		'I don\'t need a human for this, the bot is fine: can I pay in instalments and can I pay cash at a convenience store?',
		'not complaining about the courier, he was lovely. the tracking for {order} just hasn\'t updated in two days, is it on its way?',
		'Hello,\n\nNo emergency, nothing wrong with the order. My {relative} passed the box to me unopened and I\'d like to exchange the {product} for a different colour, we got it [last week|ten days ago].\n\nHow do I start the exchange?\n\n{name}',
		'the return was scanned at your warehouse on Monday, I\'m not disputing anything or calling the bank, just wondering when the refund will show up.',
		'no pain at all after the cleaning, only a tiny bit of sensitivity to cold, totally expected I guess. is it fine to use my normal toothpaste?',
		'I\'m a nurse, not scared of blood ha, but my son is. do you have a dentist who is good with nervous kids for a check-up?',
		'this is not an emergency: I have a {treatment} booked on Friday and my boss moved a meeting, can I reschedule to Monday?',
		'killed it at my job interview thanks to my new whitening 😁 when should I book a touch-up, and how much is it?',
		'nothing to do with an accident or injury, I just want to know if my dental insurance covers a {treatment} at your clinic.',
		'I\'m a dentist myself lol, but I need a cleaning and can\'t do my own teeth. do you have anything on Saturday mornings?',
	],
};
