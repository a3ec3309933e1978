package enrich

import "strings"

// wordLists are the closed word lists that the place resolver and the
// person finder look words up in. They are built once by New and only
// read afterwards.
type wordLists struct {
	// Words around an ambiguous place name that tell which sense is meant.
	locatives, countryCues, regionCues, joiners, currencies, agreements map[string]bool
	// Words around people's names.
	titles, titleModifiers, particles, notNames, beforeNotPerson map[string]bool
}

func newWordLists() *wordLists {
	return &wordLists{
		// locatives are words after which a capitalised name is a place:
		// "in Jordan", "flew to Washington".
		locatives: wordSet("in to from into at near across outside via toward towards visit visited visiting visits " +
			"throughout within inside around leave left return returned fled entered across border"),
		// countryCues follow ("Georgia's president") or precede ("king of
		// Jordan") a country.
		countryCues: wordSet("president presidents government governments prime minister ministers parliament army " +
			"troops forces military embassy border borders capital king queen ruler rulers regime opposition foreign " +
			"ambassador economy currency central national officials authorities invasion independence constitution " +
			"republic nation country breakaway territory kingdom monarch emir sultan crown refugees people leader leaders"),
		// regionCues point to a US state or another part of a country.
		regionCues: wordSet("governor governors state legislature county counties statewide senator senators"),
		// currencies follow a demonym that names a currency, not a
		// country: "Australian dlr bond".
		currencies: wordSet("dollar dollars dlr dlrs franc francs mark marks crown crowns krona kronor krone " +
			"kroner pound pounds peso pesos lira lire guilder guilders schilling schillings rand rupee rupees " +
			"yen yuan rouble roubles ruble rubles currency"),
		// agreements follow a city that names an agreement, a group or a
		// meeting rather than the place: "Paris accord", "Paris Club".
		agreements: wordSet("accord accords pact club summit agreement"),
		// joiners link items of a list: "Ukraine and Georgia".
		joiners: wordSet(", and or & /"),
		// titles precede a name and are not part of it.
		titles: wordSet("President Minister Premier Chancellor Secretary Senator Sen Rep Representative " +
			"Congressman Congresswoman Governor Gov Mayor Mr Mrs Ms Mme Dr Prof Professor General Gen Lt Lieutenant " +
			"Colonel Col Captain Capt Admiral Adm Sergeant Sgt Commander Marshal King Queen Prince Princess Emperor " +
			"Empress Sultan Emir Sheikh Sheik Pope Cardinal Archbishop Bishop Rev Reverend Rabbi Imam Ayatollah " +
			"Mullah Lord Lady Sir Dame Baroness Baron Judge Justice Chairman Chairwoman Ambassador Commissioner " +
			"Director Detective Inspector Democrat Republican Tory"),
		// titleModifiers may stand between a title and the name: "Secretary
		// General", "Chief Executive Officer".
		titleModifiers: wordSet("Prime Vice Deputy Acting Former Foreign Finance Defence Defense Interior Trade " +
			"Economy Oil Energy Home Chief Executive Officer General Assistant Under Senior Managing Crown Grand " +
			"Supreme Field State Attorney Opposition Party Labour Labor Conservative Democratic Republican Treasury " +
			"Agriculture Justice Health Education Transport Industry Commerce Information Culture Environment " +
			"Elect Emeritus Federal Reserve Fed Bank Central"),
		// particles may join the words of a name: "Javier Perez de Cuellar".
		particles: wordSet("de del della der den di da das do dos du la le van von ter bin ibn al el ben y"),
		// notNames are capitalised words that are never part of a name:
		// function words at the start of a sentence, calendar words, and words
		// of organisation and place names.
		notNames: wordSet("The A An And Or But Of In On At To For From By With As Is It Its He She They We I You " +
			"His Her Their Our My This That These Those There Here When Where What Who Why How If Then So Not No " +
			"Yes All Some Any After Before While During Since Until Although Though However Also Both Each Every " +
			"Many Most More Such Other Another Last Next New Old Young First Second Third One Two Three Four Five " +
			"Reuters Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June " +
			"July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec " +
			"Christmas Easter Ramadan Inc Corp Co Ltd Plc PLC LLC AG SA NV Group Holdings Bank Bancorp Trust Fund " +
			"Capital Partners Securities Investments Associates Brothers Bros Company Corporation Industries " +
			"International Motors Electric Airlines Airways Systems Technologies Communications Energy Oil Petroleum " +
			"Gas Mining Resources Chemical Chemicals Steel Foods Mills Dynamics Pharmaceuticals Insurance Financial " +
			"Realty Properties Enterprises Media Press News Times Post Journal Herald Tribune Gazette Telegraph Mail " +
			"Review Magazine Daily Weekly Radio Television TV Network Agency Service Services Office Department " +
			"Ministry Bureau Commission Committee Council Board Authority Administration Assembly Parliament " +
			"Congress Senate House Court Party Union Federation Association Society Organization Organisation " +
			"League Alliance Front Movement Army Navy Force Forces Guard Police Church Mosque Temple Cathedral " +
			"University College School Institute Academy Foundation Center Centre Museum Hospital Library Club Team " +
			"United City Rovers Stadium Arena Hall Square Street Road Avenue Lane Boulevard Bridge Garden Gardens " +
			"Airport Station Port Harbor Harbour Island Islands River Lake Mountain Mountains Valley Beach Bay " +
			"County State Province District Region Republic Kingdom Empire Dynasty Democrats Democratic Republicans " +
			"Republican Socialist Socialists Conservative Conservatives Labour Labor Liberal Liberals Communist " +
			"Communists Greens Catholic Protestant Muslim Muslims Christian Christians Jewish Islamic Arab Islam " +
			"Christianity Judaism Buddhism Hinduism Day Week " +
			"Year Cup Prize Award Awards Games Olympics Championship Festival Act Treaty Agreement Accord Convention " +
			"Index Exchange Market Markets Fed Reserve Treasury War Revolution Plan Project Program Programme " +
			"Initiative Report Summit Conference Forum Prize Award Sea Ocean Gulf North South East West Northern " +
			"Southern Eastern Western Central Great Royal National Federal Global World Europe European Asia Asian " +
			"Africa African Internet Online Street Wall Group Tech Pictures Records Studios Hotel Hotels Mall " +
			"Palace Rangers Wanderers Athletic Albion Villa Hotspur Forest Dynamo Sporting Olympique Inter"),
		// beforeNotPerson are words after which capitalised words are not a
		// person: "the Charlie Hebdo killers", "at Kara Suu".
		beforeNotPerson: wordSet("the The a A an An at in near outside across via"),
	}
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
