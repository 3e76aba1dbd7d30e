/** A term a small supplier may meet, explained in plain English. */
export interface Term {
  /** The anchor on the glossary page, e.g. /glossary#dps. */
  id: string
  term: string
  /** Other names or the full form of an abbreviation. */
  also?: string
  meaning: string[]
}

/** The glossary, in alphabetical order. */
export const terms: Term[] = [
  {
    id: 'asset-lock',
    term: 'Asset lock',
    meaning: [
      'A rule in an organisation’s constitution or articles of association that stops its assets and profits being given away or sold for private gain, so that they stay with its social purpose.',
      'Charities and community interest companies have one by law. A social enterprise with an asset lock counts as a VCSE.',
    ],
  },
  {
    id: 'authenticator-app',
    term: 'Authenticator app',
    meaning: [
      'A free app on your phone, such as Microsoft Authenticator or Google Authenticator, that shows a new 6-digit code every 30 seconds. With two-step verification you enter the code after your password when you sign in.',
      'The app works without a phone signal. You add your account to it once, by scanning a QR code or typing in a key.',
    ],
  },
  {
    id: 'call-for-competition',
    term: 'Call for competition',
    also: 'under a DPS or dynamic market',
    meaning: [
      'How the council buys work through a DPS or a dynamic market: when it needs a job of that type done, it invites every supplier on the list for that kind of work to bid for it. Only suppliers already on the list can bid, so join the list first.',
      'The invitation says what is wanted and the deadline for bids, which is usually at least 10 days away.',
    ],
  },
  {
    id: 'call-back',
    term: 'Call-back',
    meaning: [
      'When you ask to change your bank details, a council officer phones you to check it was really you. They only call a number that has been on your profile for some time (usually 30 days), never a number given with the change.',
      'For your first bank details, if your organisation is newer than that, the officer finds your number themselves in a source you do not control, such as your Companies House or charity register record or your website, and notes where they found it.',
    ],
  },
  {
    id: 'clarification-deadline',
    term: 'Clarification deadline',
    also: 'deadline for questions',
    meaning: [
      'The last moment you can ask the council a clarification question about an opportunity. It is shown on the opportunity’s page, and comes some days before the deadline for bids so that the council has time to answer everyone.',
      'After it, the portal does not take new questions. If you must ask something later, write to the contact on the opportunity’s page.',
    ],
  },
  {
    id: 'clarification-question',
    term: 'Clarification question',
    meaning: [
      'A question you ask the council about a contract while it is open for bids, for example to check what a part of the specification means.',
      'The council answers in writing and usually shares the question and answer with everyone bidding, without saying who asked, so that every bidder has the same information.',
    ],
  },
  {
    id: 'consortium',
    term: 'Consortium',
    also: 'plural: consortia',
    meaning: [
      'A group of organisations that bid together for a contract that none of them could deliver alone. One member usually leads and signs the contract; the others deliver parts of the work.',
    ],
  },
  {
    id: 'cooling-off-period',
    term: 'Cooling-off period',
    meaning: [
      'A few working days between the council approving a change to your bank details and the change taking effect. Until it ends, an owner of your organisation can still stop the change.',
    ],
  },
  {
    id: 'cpv-code',
    term: 'CPV code',
    also: 'Common Procurement Vocabulary',
    meaning: [
      'A number that describes a type of work, goods or service, such as 90910000 for cleaning services. Councils give each contract one or more CPV codes.',
      'When you tell us the codes that match what you do, we can tell you about contracts with those codes.',
    ],
  },
  {
    id: 'dps',
    term: 'DPS',
    also: 'dynamic purchasing system',
    meaning: [
      'A list of approved suppliers for one type of work, such as home care or grounds maintenance. You apply once to join, and you can apply at any time while it is open.',
      'When the council needs that type of work, it invites every supplier on the list to bid. Joining is free.',
    ],
  },
  {
    id: 'dynamic-market',
    term: 'Dynamic market',
    meaning: [
      'The newer version of a DPS, under the Procurement Act 2023. It works the same way for you: apply once to join, then get invited to bid for work of that type.',
    ],
  },
  {
    id: 'employee-owned',
    term: 'Employee-owned',
    meaning: [
      'An organisation most of which is owned by the people who work in it, directly or through a trust set up for them, such as an employee ownership trust.',
    ],
  },
  {
    id: 'employers-liability',
    term: 'Employer’s liability insurance',
    meaning: [
      'Insurance that pays compensation if someone who works for you is injured or made ill by their work. If you employ anyone, the law usually says you must have it, with cover of at least £5 million, and keep the certificate.',
      'You may not need it if you work alone with no staff, or employ only close family members. Councils ask to see the certificate before a contract starts.',
    ],
  },
  {
    id: 'end-violence-at-work-charter',
    term: 'End Violence at Work Charter',
    meaning: [
      'A promise to protect staff from violence, threats and abuse at work, especially staff who deal with the public: assessing the risks, training staff, supporting anyone who is hurt or threatened, and recording and acting on every incident.',
      'The council has signed it and asks suppliers whose staff work on its contracts to keep to it too.',
    ],
  },
  {
    id: 'feed-reader',
    term: 'Feed reader',
    also: 'RSS or Atom reader',
    meaning: [
      'An app or website that collects what is new from the sites you follow, so you do not have to keep checking them. Many are free, and some email clients, such as Outlook and Thunderbird, can do it too.',
      'Add the address of a search’s Atom feed to your feed reader and it will show each new opportunity that matches the search. It is another way to hear about new work, besides email alerts.',
    ],
  },
  {
    id: 'itt',
    term: 'ITT',
    also: 'invitation to tender',
    meaning: [
      'The documents that ask you to bid for a contract. They say what the council wants, how it will choose the winner, the questions you must answer and the deadline for bids.',
    ],
  },
  {
    id: 'locality',
    term: 'Locality',
    also: 'how local a supplier is',
    meaning: [
      'Where your organisation is based compared with the council. Local means in the council’s own borough; sub-regional means in a borough next to it; regional means elsewhere in the same region, such as Greater London; national means anywhere else in the UK.',
      'We work it out from the local authority of your registered address.',
    ],
  },
  {
    id: 'london-living-wage',
    term: 'London Living Wage',
    meaning: [
      'An hourly rate of pay worked out each year from what it really costs to live in London. It is set by the Living Wage Foundation, announced every autumn, and is higher than the National Living Wage that the law requires.',
      'Paying it is voluntary, but the council expects suppliers to pay at least the London Living Wage to staff working on its contracts, and to ask their own subcontractors to do the same. The current rate is on the Living Wage Foundation’s website.',
    ],
  },
  {
    id: 'lot',
    term: 'Lot',
    meaning: [
      'A part of a larger contract that you can bid for on its own. For example, a cleaning contract may be split into a lot for each area of the borough, so that a small business can bid for just the area it covers.',
    ],
  },
  {
    id: 'mandate-fraud',
    term: 'Mandate fraud',
    meaning: [
      'When a fraudster pretends to be a supplier and asks the council to pay its money into a new bank account. It is why a change to your bank details is checked before it takes effect: every owner is emailed, the council calls you back, a second officer approves and there is a cooling-off period.',
    ],
  },
  {
    id: 'open-tender',
    term: 'Open tender',
    also: 'open procedure',
    meaning: [
      'A way of buying in which any organisation can send a full bid by the deadline, with no earlier stage to be shortlisted. The Procurement Act 2023 calls it the open procedure.',
      'For contracts above the threshold you get at least 25 days to bid, or at least 10 if the council told the market in advance in a planned procurement notice.',
    ],
  },
  {
    id: 'opening-panel',
    term: 'Opening panel',
    meaning: [
      'The council officers, named before an opportunity is published, who open its bids together after the deadline. Bids open only when enough of them (at least two) have each confirmed with their password and two-step verification code, so no one person can open them alone or early.',
    ],
  },
  {
    id: 'pricing-schedule',
    term: 'Pricing schedule',
    meaning: [
      'A list of the things the council wants priced, each with a quantity and a unit, such as ‘Graffiti removal, 120 square metres’. You give a price for one unit of each line, and we multiply by the quantity and add up the total for you.',
    ],
  },
  {
    id: 'professional-indemnity',
    term: 'Professional indemnity insurance',
    meaning: [
      'Insurance that pays if a client says your advice, design or professional service was wrong or careless and cost them money, including the cost of defending the claim.',
      'Councils usually ask for it when the contract is for advice, design, consultancy, training or other professional work, and say how much cover they need.',
    ],
  },
  {
    id: 'public-liability',
    term: 'Public liability insurance',
    meaning: [
      'Insurance that pays compensation if a member of the public is injured, or their property is damaged, because of your work: for example, someone trips over your equipment in a park.',
      'The law does not require it, but councils usually do for work in public places or people’s homes, often with cover of £5 million or more. The opportunity says how much.',
    ],
  },
  {
    id: 'quick-quote',
    term: 'Quick quote',
    meaning: [
      'A simpler way for the council to buy smaller jobs, below the threshold: you send a short quote, often a price and a few answers, instead of a full tender.',
      'Under the Procurement Act 2023 the council cannot make you pass a separate stage to be shortlisted for a contract below the threshold, and it may keep the work for local suppliers or for small businesses and VCSEs.',
    ],
  },
  {
    id: 'receipt-hash',
    term: 'Receipt hash',
    meaning: [
      'A long code on your bid’s receipt, worked out from the fingerprints (SHA-256) of every answer and file you submitted. If anything in your bid changed, even one character, the code would be different.',
      'When the council opens the bids it publishes the receipt hash of every bid on the opportunity’s page, so you can check that your bid was there and unchanged.',
    ],
  },
  {
    id: 'safer-urban-driving',
    term: 'Safer Urban Driving',
    meaning: [
      'A one-day training course for drivers of lorries and vans in towns and cities, on keeping people walking and cycling safe. It is part of the Fleet Operator Recognition Scheme (FORS) and counts towards the training professional drivers must do.',
      'The council asks suppliers whose vehicles work on its contracts for their drivers to have done it.',
    ],
  },
  {
    id: 'sealed-bid',
    term: 'Sealed bid',
    meaning: [
      'A bid that nobody at the council can read before the deadline: your answers and files are locked (encrypted) as they arrive, and only your own organisation can see them until the opening panel opens all the bids together.',
      'Before the deadline the council cannot even see who has bid or how many bids there are.',
    ],
  },
  {
    id: 'sme',
    term: 'SME',
    also: 'small or medium-sized enterprise',
    meaning: [
      'A business with fewer than 250 staff and a turnover under £50 million. A micro business has fewer than 10 staff and a turnover under £2 million.',
    ],
  },
  {
    id: 'social-enterprise',
    term: 'Social enterprise',
    meaning: [
      'A business whose main purpose is social or environmental, and which spends most of its profits on that purpose rather than paying them to owners or shareholders.',
    ],
  },
  {
    id: 'social-value',
    term: 'Social value',
    meaning: [
      'The extra good a contract does for the local area beyond the work itself, such as jobs or apprenticeships for local people, paying the London Living Wage, or volunteering.',
      'Part of the score for every bid is for social value, so say what your organisation will do and how you will show it.',
    ],
  },
  {
    id: 'standstill',
    term: 'Standstill',
    also: 'standstill period',
    meaning: [
      'A short pause, usually 8 working days, after the council says who it intends to award a contract to and before it signs it. It gives bidders time to read their feedback and challenge the decision if they think it was unfair.',
    ],
  },
  {
    id: 'tender',
    term: 'Tender',
    meaning: [
      'A competition for a contract, or the bid you send in for one. "Tendering" means bidding.',
    ],
  },
  {
    id: 'threshold',
    term: 'Threshold',
    also: 'procurement threshold',
    meaning: [
      'The value of a contract, including VAT, above which the Procurement Act 2023 sets out in full how the council must buy: how it advertises, how long you get to bid, how bids are judged, and a standstill before the contract is signed.',
      'For councils buying goods and services it is a little over £200,000; for building works it is over £5 million. The figures are reviewed every two years. Below the threshold the council can use a quick quote.',
    ],
  },
  {
    id: 'two-step-verification',
    term: 'Two-step verification',
    also: 'two-factor authentication, 2FA',
    meaning: [
      'A second check when you sign in: after your password, you enter a code from an authenticator app on your phone. Someone who learns your password still cannot sign in without your phone.',
      'Council staff who see sensitive information must use it. Suppliers can choose to turn it on from their account. If you lose your phone, sign in with one of the recovery codes you saved when you set it up.',
    ],
  },
  {
    id: 'unison-ethical-care-charter',
    term: 'UNISON Ethical Care Charter',
    meaning: [
      'A set of standards for home care written by the trade union UNISON, so that people get good care from care workers who are treated fairly. Among them: visits long enough to give proper care, with no 15-minute visits for personal care; care workers paid for travel time, given sick pay and training, and not kept on zero-hours contracts against their wishes; and pay of at least the living wage.',
      'It applies to organisations that provide care. The council asks care providers to meet it.',
    ],
  },
  {
    id: 'vat',
    term: 'VAT registration number',
    meaning: [
      'The number HM Revenue and Customs gives a business registered for VAT (Value Added Tax), such as GB123456782. It is on your VAT registration certificate and your invoices. Not every organisation is registered: you must register once your taxable turnover goes over a limit, and you may choose to below it.',
    ],
  },
  {
    id: 'vcse',
    term: 'VCSE',
    also: 'voluntary, community and social enterprise',
    meaning: [
      'Charities, community groups, social enterprises, community interest companies and co-operatives: organisations that exist for a social purpose and put their profits back into it.',
      'We count an organisation as a VCSE from its legal form, or if it tells us it is a social enterprise with an asset lock.',
    ],
  },
]
