package enrich

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/clippings/clippings/corpus"
)

// The IPTC Media Topics top-level names that the lexicon assigns.
const (
	topicArts        = "arts, culture, entertainment and media"
	topicConflict    = "conflict, war and peace"
	topicCrime       = "crime, law and justice"
	topicDisaster    = "disaster, accident and emergency incident"
	topicEconomy     = "economy, business and finance"
	topicEducation   = "education"
	topicEnvironment = "environment"
	topicHealth      = "health"
	topicHuman       = "human interest"
	topicLabour      = "labour"
	topicLifestyle   = "lifestyle and leisure"
	topicPolitics    = "politics"
	topicReligion    = "religion"
	topicScience     = "science and technology"
	topicSociety     = "society"
	topicSport       = "sport"
	topicWeather     = "weather"
)

// lexicon returns, for each topic, weighted terms: "3:ceasefire" weighs 3,
// a bare term weighs 1. A term ending in "*" matches any word it starts
// (at least four letters before the star); words joined by "_" match in
// sequence.
func lexicon() map[string]string {
	return map[string]string{
		topicArts: `2:film* 2:movie* 2:music* 2:album* 2:concert* 2:theatre* 2:theater* 2:museum* artist* 2:exhibition*
		2:novel novels novelist* 2:actor* 2:actress* 2:singer* 2:songwriter* hollywood broadcaster* television
		newspaper* magazine* journalis* media celebrit* 2:oscar* grammy 2:painting* 2:sculpt* poet* poem* 2:opera*
		2:ballet 2:orchestra* comedy comedian* documentar* 2:cinema* 2:box_office culture cultural heritage
		2:bestseller* festival* 2:gallery galleries literary literature`,
		topicConflict: `3:war 2:wars 2:warfare 2:militar* 3:troops 2:soldier* 2:army armies 3:airstrike* 3:air_strike*
		2:bomb* 2:bombing* 2:missile* 3:rebel* 3:insurgen* 2:militant* 3:ceasefire 3:cease_fire 2:peace_talks
		peace 3:invasion 2:invade* conflict* 2:fighting 2:combat* 2:battle* 2:terroris* 2:terror jihad* 2:isis
		2:qaeda 2:taliban attack* attacks 2:weapon* arms 2:guerrilla* 2:coup casualt* 2:civil_war 2:genocide
		2:massacre* 2:hostage* 2:drone_strike* 2:naval navy defence defense 2:shelling 2:artillery 2:annex*
		2:occupied 2:occupation 2:nuclear_weapons 2:warplane* 2:gunmen 2:paramilitar*`,
		topicCrime: `3:police 2:policeman 2:arrest* 2:court* 2:judge* 2:trial 2:prosecut* 3:murder* 2:crime* 2:criminal*
		2:convict* 2:sentenc* 2:prison* 2:jail* 2:lawsuit* sued 2:fraud* theft 2:robber* stolen investigat*
		2:guilty 2:verdict* lawyer* attorney* 2:indict* charged 2:supreme_court 2:law_enforcement 2:smuggl*
		2:trafficking corruption 2:brib* 2:laundering 2:homicide* 2:detective* 2:suspect* 2:gang gangs
		2:kill* 2:stabbed 2:shooting 2:gunman lawful unlawful 2:justice`,
		topicDisaster: `3:earthquake* 2:quake* 3:flood* 3:hurricane* 3:typhoon* 3:cyclone* 3:tsunami* 3:disaster*
		2:crash* 2:accident* 2:explosion* 2:blaze 3:wildfire* 2:firefighter* collaps* 2:derail* emergency
		2:rescue* 2:evacuat* survivor* 2:death_toll 2:landslide* 2:volcan* 2:eruption* famine 2:oil_spill
		injured 2:debris 2:wreckage 2:aftershock*`,
		topicEconomy: `2:econom* 2:market* 2:stock* shares 2:investor* invest* 2:bank 2:banks banking banker*
		2:financ* 2:profit* 2:revenue* 3:earnings 2:dividend* trade trading 2:tariff* 2:export* 2:import*
		3:inflation 2:interest_rate* 2:currenc* 2:dollar* yen 2:bond* debt* 2:loan* credit company companies
		corp firm firms business* industr* price* crude barrel* 2:opec commodit* 2:gdp growth 3:recession
		budget* fiscal tax* 3:merger* 2:acqui* 2:takeover* quarter quarterly sales 2:net_income loss losses
		2:shareholder* 2:chief_executive 2:exchange_rate* 2:central_bank* 2:monetary 2:imf 2:world_bank wto
		billion 2:mln 2:bln 2:dlrs pct 2:cts 2:shr 2:tonnes grain wheat corn maize 2:soybean* sugar coffee
		cocoa 2:harvest* crop crops 2:exporter* 2:importer* 2:subsidiar* 2:stake 2:bid 2:brokerage 2:nasdaq
		2:dow 2:surplus deficit 2:output 2:oil 2:refiner* 2:bankrupt* 2:insolvenc* 2:retail* consumer*
		2:manufactur*`,
		topicEducation: `3:school* 3:student* 3:teacher* 2:universit* 2:college* 3:education* 2:curriculum
		2:classroom* 3:pupil* 2:exam* tuition 2:graduat* campus* academic* 2:literacy 2:kindergarten*
		2:headteacher* professor*`,
		topicEnvironment: `3:climate_change 2:climate 3:emission* 2:carbon 3:greenhouse 3:pollution 2:pollut*
		3:environment* 2:conservation 2:wildlife 2:species 3:biodiversity 3:deforestation 2:renewable*
		solar 2:wind_power 2:recycl* 2:endangered 2:habitat* 2:ecosystem* 3:global_warming 2:fossil_fuel*
		2:sustainab* 2:forests 2:glacier*`,
		topicHealth: `3:health* 2:hospital* 3:patient* 3:disease* 2:virus* 3:vaccin* 2:doctor* 2:medic* 2:medicine*
		drug drugs 2:cancer 2:infection* 3:epidemic* 3:pandemic* 2:outbreak* 3:covid* 2:aids 2:hiv 2:malaria
		2:surgery 2:nurse* 2:clinic* 2:symptom* treatment* 2:obesity 2:mental_health 2:diabetes 2:tuberculosis`,
		topicHuman: `2:birthday* 2:wedding* 2:anniversar* 2:centenarian* 2:zoo pets 2:oddit* bizarre 2:record-breaking
		heartwarming 2:reunited 2:lottery`,
		topicLabour: `3:strike* 3:union* 2:trade_union* 3:worker* employ* 3:unemploy* jobs 3:jobless 3:wage*
		3:labour 2:labor 3:layoff* 2:redundanc* 2:pension* 2:retire* 2:workforce 3:minimum_wage
		3:collective_bargaining 3:walkout* 2:payroll* employer* 2:staff`,
		topicLifestyle: `2:travel* 3:tourism 2:tourist* 2:holiday* 2:vacation* food 2:recipe* 2:restaurant*
		3:fashion* 2:hobby hobbies 2:gardening 3:leisure 3:lifestyle 2:wine* 2:cooking 2:chef* shopping
		2:hotel* 2:cruise*`,
		topicPolitics: `2:politic* 3:election* elect* 2:vote* 2:voter* 2:voting 2:parliament* 2:government* minister
		ministers 2:president* 2:presidential senate senator* congress* party parties opposition 2:campaign*
		2:democra* 2:legislat* 2:referendum* 2:diplomat* 2:diplomacy 2:foreign_policy summit* treaty
		2:sanction* cabinet 2:prime_minister 2:coalition policy policies 2:regime* authoritarian* 2:geopolitic*
		ministry bilateral sovereignty embassy ambassador* governor* mayor* 2:lawmaker* 2:communist*
		2:alliance allies 2:security_council strategic`,
		topicReligion: `2:church* 3:religio* faith 2:pope 2:vatican 2:mosque* 2:islam* 2:muslim* 2:christian*
		2:catholic* 2:protestant* jewish judaism 2:synagogue* temple* 2:buddhis* 2:hindu* 2:bishop* 2:priest*
		2:imam* clergy 2:prayer* 2:pilgrim* ramadan easter christmas 2:sermon* 2:theolog* 2:salafi*`,
		topicScience: `2:scien* 2:research* 2:technolog* tech 2:computer* 2:software 2:internet digital 2:nasa
		2:satellite* 2:rocket* 2:robot* 3:artificial_intelligence 2:semiconductor* 2:smartphone* data
		2:cyber* physic* chemist* 2:biolog* 2:genetic* 2:genome* 2:laborator* 2:experiment* 2:telescope*
		2:astronom* innovation* engineer* electronic* 2:telecom* 2:spacecraft 2:algorithm*`,
		topicSociety: `social society communit* famil* 2:poverty 2:inequality 2:immigra* 2:migrant* 2:refugee*
		2:asylum 2:racism 2:racial discriminat* gender women 2:human_rights welfare housing 2:homeless*
		demograph* ethnic* minorit* protest* 2:radicalis* 2:radicaliz* youth charity charities volunteer*
		2:diversity 2:extremis* 2:integration`,
		topicSport: `3:sport* 3:football 3:soccer 3:cricket 3:tennis 3:golf 3:rugby 3:basketball 3:baseball
		3:olympic* 2:championship* 2:tournament* league 2:coach* 2:player* team teams 2:scored 2:goal goals
		2:medal* 2:athlete* 3:world_cup 3:fifa 3:uefa 3:nba 3:nfl 2:stadium* 2:striker* 3:goalkeeper*
		2:innings 2:wicket* 3:grand_slam 3:formula_one 2:marathon* 2:playoff*`,
		topicWeather: `3:weather 2:forecast* 2:rain rains rainfall 2:snow* 2:storm* 2:temperature* 3:heatwave*
		3:heat_wave 2:frost* 2:sunny cloud* 3:meteorolog* 2:humidity 2:showers 2:drought*`,
	}
}

// topicLexicon is the parsed lexicon: exact words, word prefixes and
// two-word phrases, each with its weight per topic.
type topicLexicon struct {
	words    map[string][]topicWeight
	prefixes map[string][]topicWeight
	maxStem  int
}

type topicWeight struct {
	topic  string
	weight float64
}

func newTopicLexicon() *topicLexicon {
	l := &topicLexicon{words: map[string][]topicWeight{}, prefixes: map[string][]topicWeight{}}
	for topic, terms := range lexicon() {
		for _, term := range strings.Fields(terms) {
			w := 1.0
			if n, rest, ok := strings.Cut(term, ":"); ok {
				v, err := strconv.Atoi(n)
				if err != nil {
					panic("enrich: bad topic term " + term)
				}
				w, term = float64(v), rest
			}
			term = strings.ReplaceAll(term, "_", " ")
			tw := topicWeight{topic: topic, weight: w}
			if stem, ok := strings.CutSuffix(term, "*"); ok {
				l.prefixes[stem] = append(l.prefixes[stem], tw)
				l.maxStem = max(l.maxStem, len(stem))
				continue
			}
			l.words[term] = append(l.words[term], tw)
		}
	}
	return l
}

// topicScores sums the weights of the lexicon terms found in the words;
// a term counts at most three times.
func (l *topicLexicon) topicScores(words []string) map[string]float64 {
	seen := map[string]int{}
	scores := map[string]float64{}
	count := func(term string, tws []topicWeight) {
		seen[term]++
		if seen[term] > 3 {
			return
		}
		for _, tw := range tws {
			scores[tw.topic] += tw.weight
		}
	}
	for i, w := range words {
		if tws, ok := l.words[w]; ok {
			count(w, tws)
		}
		for n := min(len(w), l.maxStem); n >= 4; n-- {
			if tws, ok := l.prefixes[w[:n]]; ok {
				count(w[:n]+"*", tws)
				break
			}
		}
		if i+1 < len(words) {
			pair := w + " " + words[i+1]
			if tws, ok := l.words[pair]; ok {
				count(pair, tws)
			}
			for n := len(pair); n > len(w)+1; n-- {
				if tws, ok := l.prefixes[pair[:n]]; ok {
					count(pair[:n]+"*", tws)
					break
				}
			}
		}
	}
	return scores
}

// classify returns the best one or two topics whose score passes min; the
// second must score at least half the first.
func (l *topicLexicon) classify(words []string, min float64) []string {
	scores := l.topicScores(words)
	type scored struct {
		topic string
		score float64
	}
	var ranked []scored
	for t, s := range scores {
		ranked = append(ranked, scored{t, s})
	}
	slices.SortFunc(ranked, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return strings.Compare(a.topic, b.topic)
	})
	var out []string
	for i, r := range ranked {
		if i >= 2 || r.score < min || (i == 1 && r.score < ranked[0].score/2) {
			break
		}
		out = append(out, r.topic)
	}
	return out
}

// assignTopics returns the article's topics: the source's own topics, tags
// and section first, normalised; when the article has no tags, the lexicon
// adds the best one or two IPTC top-level topics.
func (e *Enricher) assignTopics(a *corpus.Article, d *document) []string {
	out := slices.Clone(a.Topics)
	tagged := false
	for _, t := range a.Tags {
		if t = normalizeLabel(t); t != "" {
			out = append(out, t)
			tagged = true
		}
	}
	if s := normalizeLabel(a.Section); s != "" {
		out = append(out, s)
	}
	if tagged {
		return out
	}
	var words []string
	for _, f := range d.fields {
		for _, t := range f.toks {
			if t.word {
				words = append(words, strings.ToLower(t.text))
			}
		}
	}
	min := e.opts.MinTopicScore
	if min <= 0 {
		min = 4
	}
	return append(out, e.topics.classify(words, min)...)
}

// normalizeLabel trims a label and collapses its inner white space.
func normalizeLabel(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
