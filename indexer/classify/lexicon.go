package classify

import (
	"strconv"
	"strings"
)

// lexicons returns, for each topic and subject, its weighted terms:
//
//	3:ceasefire   weighs 3 (a bare term weighs 1)
//	film*         any word starting with "film" (four letters at least)
//	box_office    the words in sequence (at most two words)
//	Labour        a term written with a capital matches only that spelling
//
// A subject's terms count for its parent topic too, so they are not
// repeated there. The vocabularies are general news vocabularies, not
// tuned to any one source.
func lexicons() map[string]string {
	return map[string]string{
		Arts: `3:film 3:films 2:filmmak* 2:film-mak* 3:movie* 2:music* 3:album* 2:concert* 2:theatre* 2:theater*
		2:museum* 2:artist* 2:exhibition* 2:novel 2:novels 2:novelist* 3:actor* 3:actress* 2:singer* 2:songwriter*
		2:song 2:songs 2:hollywood 2:bollywood broadcaster* 2:television tv 2:sitcom* 2:soap_opera 2:soap 2:drama*
		newspaper* magazine* journalis* media 2:celebrit* 3:oscar* 3:Oscar 3:Oscars 3:grammy* 3:Bafta 3:Baftas
		3:golden_globe* 2:emmy 2:emmys 2:painting* 2:sculpt* poet* poem* 2:opera* 2:ballet 2:orchestra* 2:comedy
		2:comedian* 2:documentar* 3:cinema* 3:box_office 2:culture cultural heritage 2:bestseller* festival*
		2:gallery galleries literary literature 2:band 2:bands 2:rock 2:pop 2:rapper* 2:hip_hop 2:chart 2:charts
		2:single 2:gig 2:gigs 2:tour 2:director 2:directed 2:starring 2:stars 2:starred 2:star 2:nominat*
		2:award 2:awards 2:screen 2:screenplay 2:sequel* 2:studio 2:studios 2:blockbuster* 2:premiere*
		2:musical 2:stage 2:show 2:shows 2:series 2:episode* 2:viewers 2:audience* 2:comic 2:fans 2:fan
		2:record_label 2:dvd 2:dvds 2:entertainment 2:showbiz 2:talent 2:actors 2:acting 2:role 2:roles
		2:character* 2:author 2:authors 2:book 2:books 2:publisher* 2:radio 2:presenter* 2:jazz 2:guitar*
		2:guitarist* 2:drummer 2:vocalist 2:lyrics 2:singles 2:Brit_awards 2:rapper 2:reality_tv 2:ratings
		2:cannes 2:sundance 2:berlinale 2:venice_film 2:choreograph* 2:composer* 2:symphon* 2:playwright*
		2:hit 2:anthology 2:animated 2:animation 2:cartoon* 2:costume* 2:biopic* 2:cast 2:debut`,

		Conflict: `3:war 2:wars 2:warfare 2:militar* 3:troops 2:soldier* 2:army armies 2:peace 2:peacekeep*
		2:conflict* 2:weapon* arms 2:defence 2:defense 2:navy 2:naval 2:nuclear_weapon* 2:arms_control
		2:disarmament 2:ceasefire 2:peace_talks 2:peace_deal 2:truce 2:veteran* 2:nato 2:pentagon 2:warship*
		2:missile* 2:security_forces`,

		ArmedConflict: `3:airstrike* 3:air_strike* 3:bombard* 3:rebel* 3:insurgen* 3:invasion 2:invade* 2:fighting
		2:combat* 2:battle* 2:guerrilla* 2:coup casualt* 3:civil_war 2:genocide 2:massacre* 2:drone_strike*
		2:shelling 2:artillery 2:annex* 2:occupied 2:occupation 2:warplane* 2:paramilitar* 2:offensive
		2:frontline 2:front_line 2:tank 2:tanks 2:militia* 2:separatist* 2:mercenar* 2:shelled 2:killed
		2:clashes 2:ethnic_cleansing 2:war_crime* 2:siege`,

		Terrorism: `3:terroris* 3:terror 3:jihad* 3:isis 3:isil 2:islamic_state 3:qaeda 3:al-qaeda 2:taliban
		3:suicide_bomb* 2:bomber* 2:bombing* 2:extremis* 2:radicalis* 2:radicaliz* 2:militant* 2:hostage*
		2:attack 2:attacks 2:attacker* 2:gunmen 2:plot 2:plotter* 2:counter-terror* 2:counterterror* 2:beheading*
		2:caliphate 2:boko_haram 2:al-shabaab 2:shabaab 2:hezbollah 2:hamas 2:atrocit* 2:foreign_fighters
		2:lone_wolf 2:deradicalis*`,

		Intelligence: `3:espionage 3:spy 3:spies 3:spying 3:intelligence 2:mi5 2:mi6 2:cia 2:fsb 2:kgb 2:gchq
		2:nsa 2:surveillance 2:covert 2:spymaster* 2:counter-intelligence 2:defector*`,

		Crime: `3:police 2:policeman 2:policemen 2:officers 2:arrest* 2:court 2:courts 2:judge* 2:trial 2:prosecut*
		3:murder* 2:crime* 2:criminal* 2:convict* 2:sentenc* 2:prison* 2:jail* 2:lawsuit* 2:sued 2:fraud* theft
		2:robber* stolen investigat* 2:guilty 2:verdict* 2:lawyer* 2:attorney* 2:indict* charged 2:supreme_court
		2:law_enforcement 2:smuggl* 2:trafficking 2:corruption 2:brib* 2:laundering 2:homicide* 2:detective*
		2:suspect* 2:gang gangs 2:stabbed 2:shooting 2:gunman lawful unlawful 2:justice 2:jury 2:appeal
		2:legal 2:illegal* 2:offence* 2:offender* 2:custody 2:bail 2:acquit* 2:testif* 2:witness* 2:tribunal
		2:magistrate*`,

		Disaster: `3:earthquake* 2:quake* 3:flood* 3:hurricane* 3:typhoon* 3:cyclone* 3:tsunami* 3:disaster*
		2:crash* 2:accident* 2:explosion* 2:blaze 3:wildfire* 2:bushfire* 2:firefighter* collaps* 2:derail*
		emergency 2:rescue* 2:evacuat* survivor* 2:death_toll 2:landslide* 2:volcan* 2:eruption* famine
		2:oil_spill injured 2:debris 2:wreckage 2:aftershock* 2:aid_agencies 2:relief_effort* 2:victims
		2:fire 2:fires 2:fire_crews 2:fire_service 2:blazes 2:out_of_control 2:state_of_emergency`,

		Economy: `2:econom* 3:market 2:markets 2:stock* 3:shares 3:investor* 2:invest* 2:bank 2:banks 2:banking
		2:banker* 3:financ* 3:profit* 3:revenue* 3:earnings 2:dividend* 2:trade 2:trading 2:tariff* 2:export*
		2:import* 3:inflation 2:interest_rate* 2:currenc* 2:dollar* 2:euro 2:euros 2:yen 2:bond 2:bonds
		2:debt* 2:loan* 2:credit 2:company 2:companies 2:corp 2:firm 2:firms 2:business* 2:industr* 2:price*
		2:commodit* 2:gdp 2:growth 3:recession 2:budget* 2:fiscal 2:tax 2:taxes 2:taxation 2:taxpayer* 3:merger* 2:acqui* 2:takeover*
		2:quarter 2:quarterly 2:sales 2:net_income 3:loss 3:losses 3:pre_tax 3:private_equity 2:job_cuts 2:cut_jobs 2:sold 2:sale 2:buyer* 2:shareholder* 2:chief_executive 2:exchange_rate*
		2:central_bank* 2:monetary 2:imf 2:world_bank wto billion 2:mln 2:bln 2:dlrs pct 2:cts 2:shr 2:tonnes
		grain 2:wheat 2:corn 2:maize 2:soybean* 2:sugar 2:coffee 2:cocoa 2:harvest* crop crops 2:exporter*
		2:importer* 2:subsidiar* 2:stake 2:bid 2:brokerage 2:nasdaq 2:dow 2:surplus 2:deficit 2:output
		2:bankrupt* 2:insolvenc* 2:retail* 2:consumer* 2:manufactur* 2:analyst* 2:economist* 2:spending
		2:customers 2:sector 2:deal 2:deals 2:chairman 2:boss 2:bosses 2:executive* 2:airline*
		2:carmaker* 2:car_maker* 2:retailer* 2:supermarket* 2:brand* 2:pound 2:sterling 2:ftse 2:wall_street
		2:stock_market 2:share_price* 2:pension_fund* 2:hedge_fund* 2:investment* 2:capital 2:assets 2:equity
		2:mortgage* 2:housing_market 2:house_prices 2:turnover 2:forecast 2:forecasts 2:outlook 2:demand
		2:supply 2:suppliers 2:supplier 2:costs 2:cost_cutting 2:bankruptcy 2:creditors 2:liquidat*
		2:remittance* 2:subsidy 2:subsidies 2:logistic* 2:shipping 2:yuan 2:rouble* 2:ruble* 2:rupee* 2:peso*
		2:dollar 2:treasury 2:stocks 2:listed 2:flotation 2:ipo 2:valuation 2:startup* 2:start-up*`,

		Energy: `3:oil 2:crude 2:barrel* 3:opec 2:refiner* 3:natural_gas 3:gas_pipeline* 2:pipeline* 2:lng
		3:energy 2:electricity 2:power_station* 2:power_plant* 2:nuclear_power 2:coal 2:petrol* 2:gasoline
		2:fuel 2:fuels 2:oilfield* 2:oil_field* 2:drilling 2:gazprom 2:rosneft 2:exxon 2:chevron
		2:gas_supplies 2:gas_supply 2:gas_prices 2:oil_prices 2:energy_security 2:heating_oil 2:propane
		2:uranium 2:hydropower 2:grid 2:solar 2:solar_power 2:renewable_energy 2:wind_farm*
		2:photovoltaic* 2:power_cuts 2:blackout*`,

		Education: `3:school* 3:student* 3:teacher* 2:universit* 2:college* 3:education* 2:curriculum 2:classroom*
		3:pupil* 2:exam 2:exams 2:examination* tuition 2:graduat* campus* academic* 2:literacy
		2:kindergarten* 2:headteacher* 2:professor* 2:lecturer* 2:scholarship* 2:degree* 2:ofsted 2:a-level*
		2:gcse* 2:undergraduate* 2:postgraduate* 2:schooling`,

		Environment: `3:climate_change 2:climate 3:emission* 2:carbon 3:greenhouse 3:pollution 2:pollut* 3:air_quality
		3:air_pollution 2:smog 3:environment*
		2:conservation 2:wildlife 2:species 3:biodiversity 3:deforestation 2:renewable* 2:solar 2:wind_power
		2:wind_farm* 2:recycl* 2:endangered 2:habitat* 2:ecosystem* 3:global_warming 2:fossil_fuel*
		2:sustainab* 2:forests 2:glacier* 2:net_zero 2:green_energy 2:deforest* 2:plastic_waste
		2:conservationist* 2:ecolog*`,

		Health: `3:health* 2:hospital* 3:patient* 3:disease* 2:virus 2:viruses 3:vaccin* 2:doctor* 2:medic*
		2:medicine* 2:drug drugs 2:cancer 2:infection* 3:epidemic* 3:pandemic* 2:outbreak* 3:covid* 2:coronavirus
		2:aids 2:hiv 2:malaria 2:surgery 2:surgeon* 2:nurse* 2:clinic* 2:symptom* 2:treatment* 2:obesity
		2:mental_health 2:diabetes 2:tuberculosis 2:nhs 2:lockdown* 2:quarantine 2:illness* 2:disease
		2:dementia 2:heart_disease 2:pharmaceutical* 2:infected 2:cases 2:deaths 2:mortality 2:ebola
		2:cholera 2:measles 2:flu 2:influenza 2:smoke_inhalation 2:respiratory 2:asthma`,

		Human: `2:birthday* 2:wedding* 2:anniversar* 2:centenarian* 2:zoo 2:pets 2:oddit* 2:bizarre
		2:record-breaking 2:heartwarming 2:reunited 2:lottery 2:jackpot 2:quirky`,

		Labour: `3:strike 3:strikes 3:striking 3:striker_workers 2:trade_union* 2:union 2:unions 3:worker* 2:employ*
		3:unemploy* 2:jobs 3:jobless 3:wage* 3:labour 3:labor 3:layoff* 2:redundanc* 2:pension* 2:retire*
		2:workforce 3:minimum_wage 3:collective_bargaining 3:walkout* 2:payroll* 2:employer* 2:staff
		2:work_permit* 2:labour_market 2:labor_market 2:working_hours 2:overtime 2:job_cuts 2:pay_rise*
		2:strikers`,

		Lifestyle: `2:travel* 3:tourism 2:tourist* 2:holiday* 2:vacation* 2:food 2:recipe* 2:restaurant* 3:fashion*
		2:hobby 2:hobbies 2:gardening 3:leisure 3:lifestyle 2:wine* 2:cooking 2:chef* 2:shopping 2:hotel*
		2:cruise* 2:diet 2:fitness 2:beauty 2:cocktail*`,

		Politics: `2:politic* 2:parliament* 2:government* 2:minister 2:ministers 2:president* 2:senate 2:senator*
		2:congress* 2:party 2:parties 2:opposition 2:campaign* 2:democra* 2:legislat* 2:cabinet
		2:prime_minister 2:coalition 2:policy 2:policies 2:regime* 2:authoritarian* 2:ministry
		2:sovereignty 2:governor* 2:mayor* 2:lawmaker* 2:communist* 3:mps 3:mp 3:Labour 3:Tory 3:Tories
		3:Conservatives 3:Conservative 3:Lib_Dem 3:Lib_Dems 2:liberal_democrat* 2:SNP 2:Plaid 3:Commons
		2:Lords 2:peers 2:Downing_Street 2:Whitehall 2:Westminster 2:home_secretary 2:foreign_secretary
		2:chancellor 2:shadow 2:backbench* 2:bill 2:bills 2:legislation 2:law 2:laws 2:leader 2:leadership
		2:manifesto* 2:spokesman 2:spokeswoman 2:secretary 2:constituen* 2:council* 2:reform* 2:Republican*
		2:Democrats 2:Democrat 2:White_House 2:Kremlin 2:Brussels 2:EU 2:european_union 2:ruling_party
		2:dissident* 2:protester* 2:protest* 2:pm 2:premier 2:tory 2:speaker 2:ballot* 2:debate 2:debates
		2:ID_cards 2:civil_liberties plans proposals 2:public_services 2:nationalis* 2:populis*
		2:constitution* 2:impeach* 2:veto 2:lobby* 2:ombudsman 2:devolution 2:whip 2:peer 2:senators`,

		Elections: `3:election* 3:elect 3:elected 3:re-elect* 2:vote 2:votes 3:voter* 2:voting 3:referendum*
		2:polls 2:polling 2:candidate* 2:runoff 2:run-off 2:electoral 2:turnout 2:landslide 2:ballot_box
		2:opinion_poll* 2:general_election 2:inauguration 2:presidential_race`,

		Diplomacy: `3:diplomat* 3:diplomacy 2:foreign_policy 2:summit* 2:treaty 2:treaties 3:sanction* 2:embassy
		2:embassies 2:ambassador* 2:bilateral 2:multilateral 2:geopolitic* 2:alliance* 2:allies 2:security_council
		2:united_nations 2:un 2:foreign_minister* 2:foreign_ministry 2:strategic 2:partnership 2:envoy*
		2:talks 2:negotiat* 2:relations 2:relationship 2:sino-russian 2:sino 2:rapprochement 2:beijing
		2:moscow 2:washington 2:nato 2:csto 2:sco 2:asean 2:g7 2:g20 2:belt_and_road 2:superpower*
		2:great_power* 2:influence 2:cooperation 2:state_visit 2:accord 2:pact 2:brics 2:mediat*`,

		Religion: `2:church* 3:religio* 2:faith 2:pope 2:vatican 2:mosque* 2:islam 2:islamic 2:muslim* 2:christian*
		2:catholic* 2:protestant* 2:jewish 2:judaism 2:synagogue* 2:temple* 2:buddhis* 2:hindu* 2:bishop*
		2:priest* 2:imam* clergy 2:prayer* 2:pilgrim* 2:ramadan 2:easter 2:christmas 2:sermon* 2:theolog*
		2:salafi* 2:archbishop*`,

		Science: `2:scien* 2:research* 3:technolog* 3:tech 3:computer* 3:software 3:internet 2:digital 2:nasa
		2:satellite* 2:rocket* 2:robot* 3:artificial_intelligence 2:ai 2:semiconductor* 2:smartphone* 2:data
		2:physic* 2:chemist* 2:biolog* 2:genetic* 2:genome* 2:laborator* 2:experiment* 2:telescope* 2:astronom*
		2:innovation* 2:engineer* 2:electronic* 2:telecom* 2:spacecraft 2:algorithm* 3:online 2:web
		3:website* 3:broadband 3:mobile 2:mobiles 3:phone 3:phones 2:handset* 3:gadget* 3:games 2:gaming
		2:gamer* 3:console* 3:playstation 3:xbox 3:nintendo 3:microsoft 3:google 3:Apple 3:ipod* 2:iphone*
		2:sony 2:intel 2:ibm 2:linux 2:users 2:user 2:e-mail* 2:email* 3:spam 2:hacker* 2:hacking
		2:download* 2:file_sharing 2:search_engine* 2:blog 2:blogs 2:blogger*
		2:wireless 2:wi-fi 2:wifi 2:chip 2:chips 2:processor* 2:device* 2:camera* 2:pc 2:pcs 2:laptop*
		2:network* 2:programs 2:program 2:virus_writers 2:anti-virus 2:antivirus 2:malware 2:browser*
		2:gigabyte* 2:megabyte* 2:bandwidth 2:3g 2:4g 2:5g 2:bluetooth 2:hi-tech 2:high-tech 2:hi_tech
		2:high_tech 2:apps 2:app 2:platform* 2:video_game* 2:tablet* 2:silicon_valley 2:startup* 2:cloud
		2:telescopes 2:space_station 2:astronaut* 2:scientist* 2:discovery 2:invent* 2:patent* 2:hd 2:tv_sets
		2:digital_tv 2:screens 2:gadgets 2:technologies 2:firmware 2:open_source 2:developers 2:wikipedia
		2:yahoo 2:amazon 2:ebay 2:facebook 2:twitter 2:social_media 2:portal* 2:domain* 2:pixel*`,

		Cyber: `3:cyber* 3:hacker* 3:hacking 3:hacked 3:malware 3:ransomware 2:phishing 2:data_breach*
		2:cyberattack* 2:cyber-attack* 2:botnet* 2:virus_writers 2:spyware`,

		Society: `2:social 2:society 2:communit* 2:famil* 2:poverty 2:inequality 2:racism 2:racial
		2:discriminat* 2:gender 2:women 2:welfare 2:housing 2:homeless* 2:demograph* 2:ethnic* 2:minorit*
		2:youth 2:charity 2:charities 2:volunteer* 2:diversity 2:integration 2:children 2:elderly 2:marriage
		2:divorce 2:disabilit* 2:lgbt* 2:same-sex 2:gay 2:population 2:census`,

		Migration: `3:immigra* 3:migrant* 3:migration 3:refugee* 3:asylum 2:deport* 2:border_crossing*
		2:smugglers 2:emigra* 2:diaspora 2:visa 2:visas 2:undocumented 2:border_patrol 2:displaced 2:resettle*`,

		HumanRights: `3:human_rights 2:rights_group* 2:amnesty_international 2:human_rights_watch 2:torture
		2:political_prisoner* 2:freedom_of_speech 2:free_speech 2:press_freedom 2:civil_rights 2:repression
		2:crackdown 2:persecut* 2:abuses`,

		Sport: `3:sport* 3:football* 3:soccer 3:cricket* 3:tennis 3:golf* 3:rugby 3:basketball 3:baseball 3:hockey
		3:olympic* 3:athletic* 2:championship* 2:tournament* 2:league* 2:coach* 2:player* 2:team 2:teams
		2:scored 2:scoring 2:goal 2:goals 2:medal* 2:athlete* 3:world_cup 3:fifa 3:uefa 3:nba 3:nfl 2:stadium*
		3:striker 3:strikers 3:goalkeeper* 3:midfield* 2:defender* 2:innings 2:wicket* 3:grand_slam
		3:formula_one 2:marathon* 2:playoff* 2:match 2:matches win won wins winning 2:victory
		2:defeat* 2:beat 2:champion* 2:title 2:final 2:finals 2:semi-final* 2:quarter-final* 2:semi 2:cup
		2:club 2:clubs 2:season 2:squad* 2:injur* 2:referee* 2:penalt* 2:fixture* 2:seed 2:seeded 2:race
		2:races 2:racing 2:sprint* 2:sprinter* 2:hurdle* 2:Six_Nations 2:Wimbledon 2:Premiership 2:premier_league
		2:Champions_League 2:manager 2:boss 2:captain 2:fly-half 2:scrum 2:try 2:tries 2:boxing 2:boxer*
		2:cycling 2:cyclist* 2:swimm* 2:skier* 2:skiing 2:fans 2:supporters 2:indoor 2:Davis_Cup 2:Ryder_Cup
		2:Australian_Open 2:US_Open 2:French_Open 2:Test 2:Tests 2:ashes 2:batsman 2:batsmen 2:bowler* 2:jockey*
		2:horse_racing 2:grand_prix 2:points 2:qualif* 2:relegat* 2:promotion 2:transfer 2:signing
		2:coaching 2:internationals 2:caps 2:debut 2:kick* 2:pitch 2:halftime
		2:half-time 2:draw 2:sevens 2:serve 2:sets 2:doubles 2:singles 2:rally 2:trophy
		2:gold 2:silver 2:bronze 2:world_record 2:medallist* 2:paralympic* 2:doping 2:drugs_test*`,

		Weather: `3:weather 2:forecasters 2:rain 2:rains 2:rainfall 2:snow* 2:storm* 2:temperature* 3:heatwave*
		3:heat_wave 2:frost* 2:sunny 2:cloud* 3:meteorolog* 2:humidity 2:showers 2:drought* 2:degrees
		2:celsius 2:fahrenheit 2:met_office 2:gales 2:winds 2:blizzard* 2:monsoon*`,
	}
}

// term is one parsed lexicon term.
type term struct {
	text   string
	w      float64
	prefix bool // a word start ("film*")
	exact  bool // written with a capital: matches that spelling only
}

// parseTerms parses one topic's terms; a malformed term is a programming
// error and panics.
func parseTerms(topic, terms string) []term {
	var out []term
	for _, f := range strings.Fields(terms) {
		t := term{w: 1}
		if n, rest, ok := strings.Cut(f, ":"); ok {
			v, err := strconv.Atoi(n)
			if err != nil || rest == "" {
				panic("classify: bad term " + f + " for " + topic)
			}
			t.w, f = float64(v), rest
		}
		f = strings.NewReplacer("_", " ", "-", " ").Replace(f)
		if s, ok := strings.CutSuffix(f, "*"); ok {
			if len(s) < 4 {
				panic("classify: prefix too short: " + f + " for " + topic)
			}
			f, t.prefix = s, true
		}
		t.exact = f != strings.ToLower(f)
		if t.exact && t.prefix {
			if strings.ToLower(f) != f {
				f = strings.ToLower(f) // a capitalised prefix matches any case
				t.exact = false
			}
		}
		t.text = f
		out = append(out, t)
	}
	return out
}
