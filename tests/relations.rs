//! Typed, directed relations: what a careful reader finds in the seeds, sentences that must
//! yield none, precision and recall on an annotated set, and relations.json / relations.dot
//! opened in networkx and Graphviz.

mod common;

use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

type Triple = (String, String, String);

/// Relations found per article id, as (source, type, target).
fn relations_of(args: &[&str]) -> BTreeMap<String, BTreeSet<Triple>> {
    let mut found: BTreeMap<String, BTreeSet<Triple>> = BTreeMap::new();
    for l in lines(&ok(args)) {
        if let Some(rel) = l.get("relation") {
            found
                .entry(l["doc"].as_str().unwrap().to_string())
                .or_default()
                .insert((
                    l["source"].as_str().unwrap().to_string(),
                    rel.as_str().unwrap().to_string(),
                    l["target"].as_str().unwrap().to_string(),
                ));
        }
    }
    found
}

/// Relations in one text, read through `extract` on a temporary file.
fn relations_in(text: &str) -> BTreeSet<Triple> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.txt");
    std::fs::write(&path, text).unwrap();
    relations_of(&["extract", path.to_str().unwrap(), "--quiet"])
        .into_values()
        .flatten()
        .collect()
}

fn t(s: &str, r: &str, o: &str) -> Triple {
    (s.to_string(), r.to_string(), o.to_string())
}

/// What a careful reader finds in the seeds (article, source, type, target).
#[test]
fn seeds_yield_the_relations_a_reader_finds() {
    let found = relations_of(&["extract", "seeds", "--quiet"]);
    let rows = [
        // "Pakistaanse luchtaanvallen op vrijdagochtend Kabul, Kandahar en Paktia"
        ("000", "pakistan", "attack", "kabul"),
        ("000", "pakistan", "attack", "kandahar"),
        ("000", "pakistan", "attack", "paktia"),
        // "Kabul ontkent deze beschuldigingen": the capital stands for its state, and the
        // denial answers the Pakistani officials of the sentence before.
        ("000", "afghanistan", "deny", "pakistan"),
        ("000", "pakistan", "accuse", "afghanistan"),
        // "Op hun beurt beschuldigen zij Pakistan ervan ... — een aantijging die Islamabad
        // van de hand wijst": the pronoun is Kabul's, and Islamabad denies.
        ("000", "afghanistan", "accuse", "pakistan"),
        ("000", "pakistan", "deny", "afghanistan"),
        // "zouden Afghaanse autoriteiten wapens hebben geleverd aan de TTP"
        ("000", "afghanistan", "support", "ttp"),
        // "steunden TTP-militanten de Afghaanse Taliban"
        ("000", "ttp", "support", "taliban"),
        // "Antonio Guterres, heeft beide partijen opgeroepen": the article's two sides.
        ("000", "antonio-guterres", "appeal", "pakistan"),
        ("000", "antonio-guterres", "appeal", "afghanistan"),
        // "Eerdere bemiddeling door Türkiye, Qatar en Saudi-Arabië"
        ("000", "turkey", "mediate", "pakistan"),
        ("000", "qatar", "mediate", "afghanistan"),
        ("000", "saudi-arabia", "mediate", "pakistan"),
        // "zijn opgeëist door de Islamitische Staat in de Provincie Khorasan (ISKP)"
        ("001", "iskp", "claim", "kabul"),
        // "De Taliban en ISKP zijn bovendien elkaars vijand."
        ("001", "taliban", "enmity", "iskp"),
        ("001", "iskp", "enmity", "taliban"),
        // "pleegde ISKP een aanslag op een kraamkliniek in Kaboel"
        ("001", "iskp", "attack", "kabul"),
        // "De VS en de Taliban sloten eerder een deal": an agreement is what a negotiation
        // reaches.
        ("002", "united-states", "negotiate", "taliban"),
        // "De Taliban waarschuwen de VS"
        ("002", "taliban", "threaten", "united-states"),
        // "zal dit district in de provincie Kandahar in handen van de Taliban vallen"
        ("003", "taliban", "control", "kandahar"),
        // "riepen ... de Navo-vertegenwoordiger in Afghanistan de Taliban vergeefs op"
        ("003", "nato", "appeal", "taliban"),
        // "Erdogan wil daarover met de Taliban in gesprek."
        ("003", "recep-tayyip-erdogan", "negotiate", "taliban"),
        // "De taliban hebben dit weekend aanvallen uitgevoerd op Kunduz en Pol-e Khomri"
        ("004", "taliban", "attack", "kunduz"),
        ("004", "taliban", "attack", "pul-e-khumri"),
        // "riep de taliban op het geweld te staken"
        ("004", "zalmay-khalilzad", "appeal", "taliban"),
        // "De onderhandelingen tussen de VS en de taliban in Qatar"
        ("004", "united-states", "negotiate", "taliban"),
        ("004", "taliban", "negotiate", "united-states"),
        // "De VS eisen van de taliban de garantie"
        ("004", "united-states", "appeal", "taliban"),
        // "De Verenigde Staten vielen Afghanistan in 2001 binnen"
        ("004", "united-states", "attack", "afghanistan"),
        // "een terugtrekking van de Amerikaanse troepen uit Afghanistan"
        ("004", "united-states", "withdraw", "afghanistan"),
    ];
    let mut missing = Vec::new();
    for (doc, s, r, o) in rows {
        let (_, rels) = found
            .iter()
            .find(|(id, _)| {
                id.rsplit('/')
                    .next()
                    .is_some_and(|name| name.starts_with(doc))
            })
            .unwrap_or_else(|| panic!("no relations in article {doc}"));
        if !rels.contains(&t(s, r, o)) {
            missing.push(format!("{doc}: {s} {r} {o}"));
        }
    }
    assert!(
        missing.is_empty(),
        "missing: {missing:#?}\nfound: {found:#?}"
    );
    // Nothing the seeds do not say: no one attacks the United States, nobody negotiates with
    // a capital as a place, and Kabul is never a source.
    for rels in found.values() {
        for (s, r, o) in rels {
            assert_ne!(s, "kabul", "a capital acting is its state: {s} {r} {o}");
            assert!(!(r == "attack" && o == "united-states"), "{s} {r} {o}");
        }
    }
}

/// Sentences that name actors and even cue words, but state no relation.
#[test]
fn sentences_without_a_relation_yield_none() {
    let none = [
        // Negation and refusal do not become the opposite relation.
        "Pakistan valt Afghanistan niet aan.",
        "De taliban hebben tot nog toe geweigerd met de regering in Kaboel te praten.",
        // Hedged: a possible attack is not an attack.
        "De regio staat op scherp door een mogelijke aanval op Iran.",
        // A denial's content is not asserted.
        "De Taliban ontkennen dat zij Kunduz hebben aangevallen.",
        // A place in a prepositional phrase is a setting, not a party.
        "Qatar is al langer het decor van onderhandelingen met de Taliban.",
        // An attributive phrase describes the noun right after it: these are militants.
        "De door Pakistan gesteunde militanten vielen Kabul aan.",
        // An apposition is one actor, not two.
        "Woordvoerder van de Taliban, Zabihullah Mujahid, heeft de aanvallen veroordeeld.",
        // Co-occurrence without a cue.
        "De TTP en de Taliban delen een ideologie en opereren in Pakistan en Afghanistan.",
        // A cue without a second actor.
        "De Taliban hebben de strijd opgevoerd.",
        // Media report; they are not parties.
        "In een interview met de BBC zei Suhail Shaheen dat de VS moeten vertrekken.",
        // "met behulp van" is not support.
        "Afghaanse troepen rukten met behulp van Amerikaanse luchtsteun op.",
        // A place is never a source.
        "Kandahar viel Kabul aan.",
        // An adjective right before the noun cue modifies it: the attacks are Afghan, and
        // Iran's response names no target.
        "Iran reageerde op de Afghaanse aanvallen met artillerie.",
        // A title between an organisation and a person: the organisation only modifies it,
        // and "condemned the attack" names no second party.
        "UN Secretary-General Antonio Guterres condemned the attack.",
        // A participle's `door X` after a noun is the participle's agent: the mediators do
        // not negotiate with each other.
        "De wapenstilstand, bemiddeld door Qatar en Turkije, hield stand.",
        "De onderhandelaars kwamen niet tot een akkoord met de Taliban.",
        // The `van X` after a cue belongs to the phrase "na de terugtrekking", and the state
        // in it is no fallback target either.
        "De Taliban namen de macht over na de terugtrekking van Amerikaanse troepen.",
        // "stopped short of" is a negation.
        "Tajik officials stopped short of blaming the Taliban.",
        // A pronoun in a subordinate clause after a main clause belongs to that clause's
        // subject (no actor here), not to the previous sentence's.
        "Pakistan sloot de grens. De nieuwe machthebbers beloofden hervormingen toen ze in Afghanistan aan de macht kwamen.",
        // An English verb cue after a preposition (not "to") is a noun: the attacks are no
        // verb with Pakistan as subject.
        "Pakistan has seen a rise in militant attacks following the Taliban's return.",
        // Taking a city written with its state's adjective is no control of the state.
        "De Taliban namen opnieuw een Afghaanse provinciehoofdstad in.",
        // The `van X` after "met (de) steun" belongs to that phrase, not to an object.
        "Het Afghaanse leger wist hen met de steun van de Amerikanen te verdrijven.",
        // "both X and Y" is one list of deniers, and none of them made the accusation.
        "Fighters allegedly armed by Iran and India crossed the border, an accusation both Tehran and New Delhi deny.",
        // A participle after a common noun is about that noun, and takes the `by X`: Iran
        // arms the proxies, not Pakistan, and blames no one.
        "Pakistan blames proxies armed by Iran.",
    ];
    for text in none {
        let found = relations_in(text);
        assert!(found.is_empty(), "{text:?} gave {found:?}");
    }
}

/// Direction rules, one sentence each: active and inverted word order, verb-final clauses,
/// passives with `door`, nouns with adjectives and prepositions, lists and symmetric cues.
#[test]
fn direction_rules() {
    type Row<'a> = (&'a str, &'a [(&'a str, &'a str, &'a str)]);
    let rows: &[Row] = &[
        (
            "Pakistan bombardeerde Kabul.",
            &[("pakistan", "attack", "kabul")],
        ),
        (
            "Daarna riepen de Verenigde Naties de Taliban op.",
            &[("un", "appeal", "taliban")],
        ),
        (
            "Islamabad zegt dat Kabul de TTP steunt.",
            &[("afghanistan", "support", "ttp")],
        ),
        (
            "Kunduz werd aangevallen door de Taliban.",
            &[("taliban", "attack", "kunduz")],
        ),
        (
            "Islamabad beschuldigt Kabul.",
            &[("pakistan", "accuse", "afghanistan")],
        ),
        // An attributive participle: its agent modifies the noun after it ("de door X
        // gesteunde Y" is X's support of Y), and is no party of the clause's verb.
        (
            "De door Iran gesteunde Taliban vielen Kunduz aan.",
            &[
                ("taliban", "attack", "kunduz"),
                ("iran", "support", "taliban"),
            ],
        ),
        (
            "Het door de Taliban overheerste Afghanistan werd een toevluchtsoord voor al-Qaida.",
            &[("taliban", "control", "afghanistan")],
        ),
        (
            "Granaten troffen huizen in het door Pakistan bestuurde deel van Kasjmir.",
            &[("pakistan", "control", "kashmir")],
        ),
        (
            "Swat werd jarenlang door de Pakistaanse Taliban geregeerd.",
            &[("ttp", "control", "swat")],
        ),
        // A conjunction before an actor and a verb joins two clauses, not two targets; a verb
        // right after a conjunction shares the subject before it.
        (
            "India bombardeert Pakistan en Iran bombardeert Herat.",
            &[("india", "attack", "pakistan"), ("iran", "attack", "herat")],
        ),
        (
            "De Taliban veroverden Kunduz en vielen daarna Kabul aan.",
            &[
                ("taliban", "control", "kunduz"),
                ("taliban", "attack", "kabul"),
            ],
        ),
        (
            "Pakistan declared war on the TTP and bombed Kabul.",
            &[
                ("pakistan", "enmity", "ttp"),
                ("ttp", "enmity", "pakistan"),
                ("pakistan", "attack", "kabul"),
            ],
        ),
        (
            "De TTP heeft Peshawar aangevallen en Islamabad gewaarschuwd.",
            &[
                ("ttp", "attack", "peshawar"),
                ("ttp", "threaten", "pakistan"),
            ],
        ),
        (
            "The BLA has attacked Quetta and has warned Beijing.",
            &[
                ("baloch-liberation-army", "attack", "quetta"),
                ("baloch-liberation-army", "threaten", "china"),
            ],
        ),
        // An English object follows its verb without a comma (an apposition may).
        (
            "The TTP has stepped up attacks across Pakistan, souring Islamabad-Kabul ties.",
            &[],
        ),
        (
            "Shehbaz Sharif blamed his Indian counterpart, Narendra Modi, for the crisis.",
            &[("shehbaz-sharif", "accuse", "narendra-modi")],
        ),
        // A quotation opening at the verb quotes the subject's act, not a speaker.
        (
            "The ministry said Afghan forces \"shelled Pakistani posts along the border\" overnight.",
            &[("afghanistan", "attack", "pakistan")],
        ),
        // Fighting between two named sides is enmity: who fought first is left open.
        (
            "Bij een clash tussen Pakistaanse troepen en de TTP vielen doden.",
            &[("pakistan", "enmity", "ttp"), ("ttp", "enmity", "pakistan")],
        ),
        (
            "Pakistaanse troepen en de TTP raakten zondag slaags.",
            &[("pakistan", "enmity", "ttp"), ("ttp", "enmity", "pakistan")],
        ),
        (
            "An exchange of fire between Indian and Pakistani troops killed two soldiers.",
            &[
                ("india", "enmity", "pakistan"),
                ("pakistan", "enmity", "india"),
            ],
        ),
        // A place in the object is the target of a type that takes places; an actor written
        // as the object's adjective yields to it. "zelfmoordterrorist van X" is X.
        (
            "Begin april viel een zelfmoordterrorist van ISKP een sjiitische moskee in Kunduz aan.",
            &[("iskp", "attack", "kunduz")],
        ),
        // A verb coordinated with a verb of threatening is no content of the threat; two
        // coordinated content verbs are.
        (
            "Iran threatened the Taliban and urged Kabul to release more water.",
            &[
                ("iran", "threaten", "taliban"),
                ("iran", "appeal", "afghanistan"),
            ],
        ),
        (
            "Pakistan blames Kabul for funding and backing TTP fighters.",
            &[("pakistan", "accuse", "afghanistan")],
        ),
        // An English relative pronoun after an actor makes the actor its clause's subject.
        (
            "The TTP, which often attacks Pakistani soldiers, rejected the talks.",
            &[("ttp", "attack", "pakistan")],
        ),
        (
            "The banned Baloch Liberation Army (BLA), which targets Chinese engineers, is growing.",
            &[("baloch-liberation-army", "attack", "china")],
        ),
        // A reporting verb after a comma opens its own clause: its speaker is no object.
        (
            "De Taliban willen Pakistan ertoe aanzetten de grens te openen, zegt de Iraanse regering.",
            &[("taliban", "appeal", "pakistan")],
        ),
        (
            "Onderhandelaars van de TTP hebben in Kabul gesproken met de Pakistaanse regering.",
            &[
                ("ttp", "negotiate", "pakistan"),
                ("pakistan", "negotiate", "ttp"),
            ],
        ),
        (
            "In 2021 haalde Duitsland zijn laatste soldaten terug uit Afghanistan.",
            &[("germany", "withdraw", "afghanistan")],
        ),
        // A target preposition reaches past a title to the name it governs.
        (
            "De Taliban hebben gesproken met de ervaren Amerikaanse gezant Zalmay Khalilzad.",
            &[
                ("taliban", "negotiate", "zalmay-khalilzad"),
                ("zalmay-khalilzad", "negotiate", "taliban"),
            ],
        ),
        // Taking power "in" a place names that place; the state is only the fallback.
        (
            "Duizenden Afghanen vluchtten nadat de Taliban de macht grepen in Kabul.",
            &[("taliban", "control", "kabul")],
        ),
        // Two Dutch names side by side are subject and object of a verb-final clause; only an
        // adjective ("Pakistaanse Taliban") modifies the name after it.
        (
            "Nadat de Taliban Kunduz hadden veroverd, vluchtten duizenden.",
            &[("taliban", "control", "kunduz")],
        ),
        (
            "De minister zei dat Islamabad Kabul beschuldigt.",
            &[("pakistan", "accuse", "afghanistan")],
        ),
        (
            "De Taliban kregen Kunduz onder controle.",
            &[("taliban", "control", "kunduz")],
        ),
        // Killing, kidnapping and shooting down count as attacks.
        (
            "De Pakistaanse Taliban vermoordden in 2007 Benazir Bhutto.",
            &[("ttp", "attack", "benazir-bhutto")],
        ),
        (
            "The TTP kidnapped two Chinese engineers near Quetta.",
            &[("ttp", "attack", "china")],
        ),
        // A time phrase ends a preposition's reach: the name after it is the object.
        (
            "De Sovjet-Unie viel in 1979 Afghanistan binnen.",
            &[("soviet-union", "attack", "afghanistan")],
        ),
        (
            "Pakistan heeft op zondag Kabul gebombardeerd.",
            &[("pakistan", "attack", "kabul")],
        ),
        (
            "In March Pakistan shelled Kabul.",
            &[("pakistan", "attack", "kabul")],
        ),
        (
            "Iraanse steun aan de Taliban.",
            &[("iran", "support", "taliban")],
        ),
        (
            "De aanval van ISKP op Jalalabad.",
            &[("iskp", "attack", "jalalabad")],
        ),
        (
            "Pakistan en India zijn rivalen.",
            &[
                ("pakistan", "enmity", "india"),
                ("india", "enmity", "pakistan"),
            ],
        ),
        (
            "Gesprekken tussen China en de Taliban.",
            &[
                ("china", "negotiate", "taliban"),
                ("taliban", "negotiate", "china"),
            ],
        ),
        (
            "Het district viel in handen van de Taliban in Helmand.",
            &[],
        ),
        // A quotation is its speaker's; a cancelled event relates no one; a name in its own
        // prepositional phrase does not modify the noun after it.
        (
            "\"De Taliban hebben zwaar gevochten\", vertelde de Pakistaanse generaal.",
            &[],
        ),
        (
            "De onderhandelingen tussen Pakistan en de TTP zijn afgelast.",
            &[],
        ),
        (
            "Volgens Kabul worden vanuit Pakistan aanslagen op Kandahar voorbereid.",
            &[],
        ),
        (
            "Tijdens de Amerikaanse invasie van Afghanistan vluchtten velen.",
            &[("united-states", "attack", "afghanistan")],
        ),
        // A `van X` object; an idiom of taking control; what is denied is no party.
        (
            "De Taliban controleren een deel van de provincie Helmand.",
            &[("taliban", "control", "helmand")],
        ),
        (
            "Kandahar is door de Taliban onder de voet gelopen.",
            &[("taliban", "control", "kandahar")],
        ),
        ("Pakistan ontkent de aanwezigheid van TTP-strijders.", &[]),
        // Taking power: the one state the sentence names is the target; a clause word that
        // is also a preposition ("sinds", "after") opens a clause with a subject.
        (
            "Meisjesscholen in Afghanistan bleven dicht nadat de Taliban opnieuw aan de macht kwamen.",
            &[("taliban", "control", "afghanistan")],
        ),
        (
            "Girls' schools in Afghanistan closed once the Taliban returned to power.",
            &[("taliban", "control", "afghanistan")],
        ),
        // "sprak van" is no talk with anyone; "in Afghanistan" names where they took power.
        (
            "Sinds de Taliban in Afghanistan aan de macht kwamen, sprak Pakistan van een crisis.",
            &[("taliban", "control", "afghanistan")],
        ),
        // Idioms: holding responsible, advancing against, shooting.
        (
            "Pakistan stelde India verantwoordelijk voor de explosie in Quetta.",
            &[("pakistan", "accuse", "india")],
        ),
        (
            "ISKP-strijders trekken op tegen Pakistaanse grensposten.",
            &[("iskp", "attack", "pakistan")],
        ),
        (
            "Ahmad Shah Massoud werd door al-Qaida doodgeschoten.",
            &[("al-qaida", "attack", "ahmad-shah-massoud")],
        ),
        // An attempt is no fact.
        ("De Taliban deden een poging om Kunduz te veroveren.", &[]),
        // English (dictionaries/relations/en.toml): subject before the verb, `by X`, passives
        // without an agent, nouns after an article, modifiers.
        ("Pakistan bombed Kabul.", &[("pakistan", "attack", "kabul")]),
        (
            "Kunduz was attacked by the Taliban.",
            &[("taliban", "attack", "kunduz")],
        ),
        ("Four Pakistani policemen were shot near the border.", &[]),
        (
            "The interior ministry on Monday rejected the proposal of the Taliban.",
            &[],
        ),
        (
            "ISKP carried out the attack on Jalalabad.",
            &[("iskp", "attack", "jalalabad")],
        ),
        (
            "U.S.-led NATO troops fought the Taliban.",
            &[("nato", "attack", "taliban")],
        ),
        (
            "Pakistani troops killed TTP commander Baitullah Mehsud.",
            &[("pakistan", "attack", "baitullah-mehsud")],
        ),
        (
            "Indian troops fired at Pakistani positions across the border.",
            &[("india", "attack", "pakistan")],
        ),
        (
            "Many families left during the Soviet occupation of Afghanistan.",
            &[("soviet-union", "control", "afghanistan")],
        ),
        (
            "Imran Khan condemned his Indian counterpart, Narendra Modi, on Friday.",
            &[("imran-khan", "condemn", "narendra-modi")],
        ),
        // Criticism is an accusation (CAMEO 111), not a condemnation.
        (
            "Imran Khan criticised his Indian counterpart, Narendra Modi, on Friday.",
            &[("imran-khan", "accuse", "narendra-modi")],
        ),
        // "en heeft" after a subordinate clause goes back to the main clause's subject.
        (
            "Pakistan zegt dat TTP-strijders vanuit Afghanistan aanslagen plegen en heeft Afghanistan opgeroepen dat te stoppen.",
            &[("pakistan", "appeal", "afghanistan")],
        ),
        // Auxiliary, subject, object, participle: the object stands right before the
        // participle, whatever preposition follows.
        (
            "Volgens Islamabad heeft Kabul de TTP meermaals gewaarschuwd zich niet tegen Pakistan te keren.",
            &[("afghanistan", "threaten", "ttp")],
        ),
        // A subject pronoun after "en" opens a clause; it does not join the object list.
        (
            "De Pakistaanse regering praat met de Afghaanse regering en hij belooft steun.",
            &[
                ("pakistan", "negotiate", "afghanistan"),
                ("afghanistan", "negotiate", "pakistan"),
            ],
        ),
        // `door` and a description before the name.
        (
            "De aanslag op Jalalabad werd opgeëist door de extremistische groepering ISKP.",
            &[("iskp", "claim", "jalalabad")],
        ),
        // A charge and its denial in one sentence.
        (
            "Islamabad says TTP militants operate from Afghanistan, a charge denied by Kabul.",
            &[
                ("pakistan", "accuse", "afghanistan"),
                ("afghanistan", "deny", "pakistan"),
            ],
        ),
        (
            "Islamabad zegt dat de TTP vanuit Afghanistan opereert, een beschuldiging die Kabul ontkent.",
            &[
                ("pakistan", "accuse", "afghanistan"),
                ("afghanistan", "deny", "pakistan"),
            ],
        ),
        // Those who rule: the group before a ruler noun controls the state before it or
        // after its preposition; a state's own government rules nothing.
        (
            "In the report, Afghanistan's Taliban rulers are named.",
            &[("taliban", "control", "afghanistan")],
        ),
        (
            "Het Taliban-bewind in Afghanistan verbiedt meisjesscholen.",
            &[("taliban", "control", "afghanistan")],
        ),
        ("De Pakistaanse regering in Islamabad zwijgt.", &[]),
        // A takeover's source follows "door"; the state after it is the target.
        (
            "Iran zag de machtsgreep door de Taliban in Afghanistan met zorg aan.",
            &[("taliban", "control", "afghanistan")],
        ),
        // Taking power: the state after the cue in its clause, of two the sentence names.
        (
            "India says the economy collapsed after the Taliban seized power in a swift campaign across Afghanistan.",
            &[("taliban", "control", "afghanistan")],
        ),
        // "waaronder X en Y" between commas names the subject's members; it opens no clause.
        (
            "Meerdere landen, waaronder Noorwegen en Denemarken, trekken hun diplomaten terug uit Kabul.",
            &[
                ("norway", "withdraw", "kabul"),
                ("denmark", "withdraw", "kabul"),
            ],
        ),
        // Tensions between two named sides are standing hostility; tensions in a region are not.
        (
            "De spanningen tussen India en China lopen op.",
            &[("india", "enmity", "china"), ("china", "enmity", "india")],
        ),
        ("Pakistan klaagt over de spanningen in Afghanistan.", &[]),
        (
            "Tensions between India and Pakistan rose again.",
            &[
                ("india", "enmity", "pakistan"),
                ("pakistan", "enmity", "india"),
            ],
        ),
        // The one asked stands between the verb and "to".
        (
            "Iran wants Afghanistan to release more river water.",
            &[("iran", "appeal", "afghanistan")],
        ),
        // A negation right before the subject drops the relation, however far the verb.
        (
            "Geen Pakistaanse eenheid in het grensgebied viel gisteren Kabul aan.",
            &[],
        ),
        ("No Pakistani unit in the border area attacked Kabul.", &[]),
        (
            "The border dispute has strained relations between India and China.",
            &[("india", "enmity", "china"), ("china", "enmity", "india")],
        ),
        // "achter" / "behind" names who did what the noun says.
        (
            "Volgens de regering zat de TTP achter de aanslag op Pakistaanse militairen.",
            &[("ttp", "attack", "pakistan")],
        ),
        (
            "Officials said the TTP was behind the attack on Pakistani soldiers near the border.",
            &[("ttp", "attack", "pakistan")],
        ),
        // A noun's `door` follows it closely, not after another verb: the claim is ISKP's,
        // and the attack is not read twice; a photo's publisher is no attacker.
        (
            "De aanslag op Kabul werd opgeëist door ISKP.",
            &[("iskp", "claim", "kabul")],
        ),
        (
            "De foto achter de aanslag op Kabul werd door Pakistan gepubliceerd.",
            &[],
        ),
        (
            "De aanval op Kunduz door de Taliban duurde uren.",
            &[("taliban", "attack", "kunduz")],
        ),
        (
            "The 2019 Oslo agreement, signed by India and China, held for years.",
            &[
                ("india", "negotiate", "china"),
                ("china", "negotiate", "india"),
            ],
        ),
        // An agreement is what a negotiation reaches.
        (
            "The Afghan government and the Taliban signed a peace deal.",
            &[
                ("afghanistan", "negotiate", "taliban"),
                ("taliban", "negotiate", "afghanistan"),
            ],
        ),
        // A name in brackets after a name glosses it: no clause ends there.
        (
            "The Islamic State (IS) attacked Jalalabad.",
            &[("islamic-state", "attack", "jalalabad")],
        ),
        (
            "Tehrik-e-Taliban Pakistan (TTP) viel Peshawar aan.",
            &[("ttp", "attack", "peshawar")],
        ),
        // A preposition before a representative governs whom it represents: "tussen" frames
        // the talks, "volgens" makes the spokesman's group no subject.
        (
            "Er waren gesprekken tussen vertegenwoordigers van de Taliban en de Afghaanse regering.",
            &[
                ("afghanistan", "negotiate", "taliban"),
                ("taliban", "negotiate", "afghanistan"),
            ],
        ),
        (
            "Volgens de woordvoerder van de Taliban bombardeerde Pakistan Khost.",
            &[("pakistan", "attack", "khost")],
        ),
        // Dutch puts the object before a final verb: a place in it is where the attack was.
        (
            "De TTP heeft gisteren een moskee in Peshawar aangevallen.",
            &[("ttp", "attack", "peshawar")],
        ),
        (
            "Nadat de TTP een politiepost in Bannu aanviel, sloot Pakistan de grens.",
            &[("ttp", "attack", "bannu")],
        ),
        // "sinds 2001" is a time, not a clause; "was … aan de macht in X" is control.
        (
            "Hamid Karzai was sinds 2001 aan de macht in Afghanistan.",
            &[("hamid-karzai", "control", "afghanistan")],
        ),
        // An ally cooperates; it is no patron.
        (
            "Al-Qaida remains a loyal ally of the Taliban.",
            &[
                ("al-qaida", "cooperate", "taliban"),
                ("taliban", "cooperate", "al-qaida"),
            ],
        ),
        (
            "The Pakistani army hurled fresh allegations at Kabul.",
            &[("pakistan", "accuse", "afghanistan")],
        ),
        // English puts no agent before its verb: "by X" there belongs to a noun.
        (
            "Kabul responded to remarks by Khawaja Asif, warning Islamabad of consequences.",
            &[("afghanistan", "threaten", "pakistan")],
        ),
        // A reciprocal runs any type both ways.
        (
            "Islamabad en Kabul beschuldigen elkaar van steun aan militanten.",
            &[
                ("afghanistan", "accuse", "pakistan"),
                ("pakistan", "accuse", "afghanistan"),
            ],
        ),
        (
            "Tehran and Kabul accused each other of violating the treaty.",
            &[
                ("afghanistan", "accuse", "iran"),
                ("iran", "accuse", "afghanistan"),
            ],
        ),
        // An English participle clause after a comma shares the main verb's subject.
        (
            "Pakistan condemned the raid, urging Kabul to act.",
            &[("pakistan", "appeal", "afghanistan")],
        ),
        // After the verb's object, "to" opens what is asked, not the target.
        (
            "Iran urged the Taliban to stop sheltering the TTP.",
            &[("iran", "appeal", "taliban")],
        ),
        (
            "Iran riep de Taliban op om de steun aan de TTP te stoppen.",
            &[("iran", "appeal", "taliban")],
        ),
        // English has no verb-final clause: the name right before the verb is its subject,
        // and the charge it denies is the main clause's.
        (
            "Islamabad says the TTP trains in Afghanistan, an accusation Kabul rejects.",
            &[
                ("afghanistan", "deny", "pakistan"),
                ("pakistan", "accuse", "afghanistan"),
            ],
        ),
        // After a target preposition, the owner of the noun it governs is the target.
        (
            "Pakistan richtte zijn aanval op een kamp van de TTP.",
            &[("pakistan", "attack", "ttp")],
        ),
        // A charge named in its own sentence is not implied again against the denier.
        (
            "Islamabad blames the Taliban for arming the TTP — a charge Kabul rejects.",
            &[
                ("afghanistan", "deny", "pakistan"),
                ("pakistan", "accuse", "taliban"),
            ],
        ),
        // After an appeal verb, "that"/"dat" opens no clause: the name after it is asked.
        (
            "Tehran demanded that Kabul close the camps.",
            &[("iran", "appeal", "afghanistan")],
        ),
        (
            "De VN eisen dat de Taliban de scholen openen.",
            &[("un", "appeal", "taliban")],
        ),
        // A restrictive word after a negation makes it none: "niet alleen", "not only".
        (
            "Iran hield niet alleen de TTP verantwoordelijk voor de aanslag.",
            &[("iran", "accuse", "ttp")],
        ),
        // A number's separators are part of it: the clause goes on to "uit Afghanistan".
        (
            "Duitsland haalt 1.200 soldaten weg uit Afghanistan.",
            &[("germany", "withdraw", "afghanistan")],
        ),
        (
            "In 2007 nam de TTP de wapens op tegen Pakistan.",
            &[("ttp", "attack", "pakistan")],
        ),
        (
            "ISKP is vorig jaar met de Taliban in gevecht geraakt.",
            &[("iskp", "enmity", "taliban"), ("taliban", "enmity", "iskp")],
        ),
        // An apposition between dashes is about the name before it.
        (
            "ISKP – een verklaarde vijand van de Taliban – pleegde de aanslag.",
            &[("iskp", "enmity", "taliban"), ("taliban", "enmity", "iskp")],
        ),
        // A Dutch relative in a passive with `door X` is the name before it; "toen" right
        // after it is "then" and opens no clause.
        (
            "De aanslagen werden gepland in Afghanistan, dat toen werd bestuurd door de Taliban.",
            &[("taliban", "control", "afghanistan")],
        ),
        // After an inverted subject, and in an object before a final verb, `van X` names
        // the target.
        (
            "Daarna vielen de Taliban een kamp van ISKP binnen.",
            &[("taliban", "attack", "iskp")],
        ),
        (
            "Pakistan heeft een cel van de TTP uitgeschakeld.",
            &[("pakistan", "attack", "ttp")],
        ),
        // Three names with commas only are a list (two are an apposition), and "&" joins
        // like "and".
        (
            "Talks were held between Iran, Qatar, Turkey.",
            &[
                ("iran", "negotiate", "qatar"),
                ("iran", "negotiate", "turkey"),
                ("qatar", "negotiate", "iran"),
                ("qatar", "negotiate", "turkey"),
                ("turkey", "negotiate", "iran"),
                ("turkey", "negotiate", "qatar"),
            ],
        ),
        (
            "Iran, Qatar & Turkey held talks in Doha.",
            &[
                ("iran", "negotiate", "qatar"),
                ("iran", "negotiate", "turkey"),
                ("qatar", "negotiate", "iran"),
                ("qatar", "negotiate", "turkey"),
                ("turkey", "negotiate", "iran"),
                ("turkey", "negotiate", "qatar"),
            ],
        ),
        (
            "Turkey stands shoulder-to-shoulder with Qatar.",
            &[("turkey", "support", "qatar")],
        ),
        // An "-ing" cue after an article and an adjective is a noun.
        (
            "The Taliban issued a stern warning to Islamabad.",
            &[("taliban", "threaten", "pakistan")],
        ),
        // Allies are partners.
        (
            "The TTP is allied with the Taliban.",
            &[
                ("taliban", "cooperate", "ttp"),
                ("ttp", "cooperate", "taliban"),
            ],
        ),
        // A state's ministry found in the text speaks for its state.
        (
            "Afghanistan's Foreign Ministry urged Islamabad to reopen the border.",
            &[("afghanistan", "appeal", "pakistan")],
        ),
        // Reaching an agreement is negotiating.
        (
            "Pakistan en Iran kwamen vorige week tot een akkoord over de grens.",
            &[
                ("iran", "negotiate", "pakistan"),
                ("pakistan", "negotiate", "iran"),
            ],
        ),
        (
            "Qatar bereikte een akkoord met de Taliban.",
            &[
                ("qatar", "negotiate", "taliban"),
                ("taliban", "negotiate", "qatar"),
            ],
        ),
        // A mediator named alone in its clause mediates between the article's two sides.
        (
            "Pakistan bombardeerde Kabul. Qatar bemiddelde.",
            &[
                ("pakistan", "attack", "kabul"),
                ("qatar", "mediate", "afghanistan"),
                ("qatar", "mediate", "pakistan"),
            ],
        ),
        // A state after a place and a comma locates the place.
        (
            "The TTP attacked a checkpoint in Bannu, Pakistan.",
            &[("ttp", "attack", "bannu")],
        ),
        // A relative clause after a name in a prepositional phrase is about the noun the
        // phrase modifies.
        (
            "The Taliban commanders in Kandahar, who have fought ISKP for years, stayed silent.",
            &[("taliban", "attack", "iskp")],
        ),
        (
            "Amir Khan Muttaqi met with UN envoy Roza Otunbayeva.",
            &[
                ("amir-khan-muttaqi", "negotiate", "roza-otunbayeva"),
                ("roza-otunbayeva", "negotiate", "amir-khan-muttaqi"),
            ],
        ),
    ];
    for (text, expected) in rows {
        let want: BTreeSet<Triple> = expected.iter().map(|(s, r, o)| t(s, r, o)).collect();
        assert_eq!(relations_in(text), want, "{text:?}");
    }
}

/// The relations of one text in the default graph (`build`, default `--min-confidence`) and
/// with every reading (`--min-confidence 0`).
fn kept_and_read(text: &str) -> (BTreeSet<Triple>, BTreeSet<Triple>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.txt");
    std::fs::write(&path, text).unwrap();
    let graph = |min: Option<&str>| {
        let out = dir.path().join(format!("out-{}", min.unwrap_or("default")));
        let mut args = vec![
            "build",
            path.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(["--format", "json", "--quiet"]);
        if let Some(m) = min {
            args.extend(["--min-confidence", m]);
        }
        ok(&args);
        let rel = read_json(&out.join("relations.json"));
        rel["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                let s = |k: &str| l[k].as_str().unwrap().to_string();
                (s("source"), s("type"), s("target"))
            })
            .collect::<BTreeSet<Triple>>()
    };
    (graph(None), graph(Some("0")))
}

/// Confidence: the default graph keeps plain statements and leaves out hedged ones, denials
/// whose accuser is in another sentence, and an attack on a group's leader read as one on the
/// group; `--min-confidence 0` keeps every reading.
#[test]
fn the_default_graph_keeps_the_confident_readings() {
    // (text, relation, kept by default)
    let rows = [
        (
            "Pakistan heeft Afghanistan aangevallen.",
            ("pakistan", "attack", "afghanistan"),
            true,
        ),
        (
            "India zou Pakistan hebben aangevallen.",
            ("india", "attack", "pakistan"),
            false,
        ),
        (
            "India reportedly attacked Pakistan.",
            ("india", "attack", "pakistan"),
            false,
        ),
        (
            "Islamabad zegt dat de TTP vanuit Afghanistan opereert, een beschuldiging die Kabul ontkent.",
            ("afghanistan", "deny", "pakistan"),
            true,
        ),
        (
            "Islamabad zegt dat Afghanistan militanten onderdak biedt. Kabul ontkent deze beschuldigingen.",
            ("afghanistan", "deny", "pakistan"),
            false,
        ),
        // A hedge before an article qualifies a noun phrase, not the relation.
        (
            "ISKP, perhaps the most violent group in the region, attacked Pakistan.",
            ("iskp", "attack", "pakistan"),
            true,
        ),
        (
            "De TTP, misschien de gevaarlijkste groep van het land, viel Pakistan aan.",
            ("ttp", "attack", "pakistan"),
            true,
        ),
        (
            "De TTP viel misschien Pakistan aan.",
            ("ttp", "attack", "pakistan"),
            false,
        ),
        // A pronoun with a subject before it in its own sentence is surer than one resolved
        // across sentences.
        (
            "De TTP meldde dat zij Bannu hadden aangevallen.",
            ("ttp", "attack", "bannu"),
            true,
        ),
        // A hedge in a Dutch final verb cluster hedges the verb.
        (
            "Analisten denken dat Herat binnen een maand in handen van de TTP kan vallen.",
            ("ttp", "control", "herat"),
            false,
        ),
        // A hedge before a common noun after the cue qualifies the object, not the event.
        (
            "Iran bombed suspected hideouts of the TTP near the border.",
            ("iran", "attack", "ttp"),
            true,
        ),
        (
            "Iran reportedly bombed hideouts of the TTP.",
            ("iran", "attack", "ttp"),
            false,
        ),
        (
            "The United States killed the leader of al-Qaeda.",
            ("united-states", "attack", "al-qaida"),
            false,
        ),
        // A headline drops "van": the title still names the target's person.
        (
            "Taliban doden in Herat hoofd inlichtingen Afghaanse regering",
            ("taliban", "attack", "afghanistan"),
            false,
        ),
        (
            "De Verenigde Staten vochten tegen strijders van Islamitische Staat.",
            ("united-states", "attack", "islamic-state"),
            true,
        ),
    ];
    for (text, (s, r, o), kept) in rows {
        let (default, every) = kept_and_read(text);
        assert!(every.contains(&t(s, r, o)), "{text:?} read {every:?}");
        assert_eq!(
            default.contains(&t(s, r, o)),
            kept,
            "{text:?} kept {default:?}"
        );
    }
}

#[test]
fn min_confidence_is_a_number_from_0_to_1() {
    for bad in ["1.5", "-0.1", "high"] {
        let out = run(&[
            "build",
            "seeds",
            "--out",
            "/nonexistent",
            "--min-confidence",
            bad,
        ]);
        assert!(!out.status.success());
        let err = stderr(&out);
        assert!(
            err.contains("--min-confidence") && err.contains("from 0 to 1"),
            "{err}"
        );
    }
}

/// Precision and recall on `tests/relations/annotated.jsonl`: Dutch news sentences written for
/// this test (not copied from the seeds), each with the relations a reader finds in it.
#[test]
fn annotated_sentences_score_above_the_targets() {
    let path = repo().join("tests/relations/annotated.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    let rows: Vec<Value> = lines(&text);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("annotated.jsonl");
    let jsonl: String = rows
        .iter()
        .map(|r| {
            format!(
                "{}\n",
                serde_json::json!({"id": r["id"], "text": r["text"]})
            )
        })
        .collect();
    std::fs::write(&input, jsonl).unwrap();
    let found = relations_of(&["extract", input.to_str().unwrap(), "--quiet"]);
    let (mut gold_n, mut found_n, mut correct) = (0, 0, 0);
    let mut errors = Vec::new();
    for r in &rows {
        let id = r["id"].as_str().unwrap();
        let gold: BTreeSet<Triple> = r["relations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                let x: Vec<&str> = x
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap())
                    .collect();
                t(x[0], x[1], x[2])
            })
            .collect();
        let got = found.get(id).cloned().unwrap_or_default();
        gold_n += gold.len();
        found_n += got.len();
        correct += gold.intersection(&got).count();
        for extra in got.difference(&gold) {
            errors.push(format!("{id}: wrong {extra:?}"));
        }
    }
    let precision = correct as f64 / found_n.max(1) as f64;
    let recall = correct as f64 / gold_n.max(1) as f64;
    eprintln!(
        "annotated relations: gold {gold_n}, found {found_n}, correct {correct}: precision {precision:.3}, recall {recall:.3}"
    );
    assert!(
        rows.len() >= 25 && gold_n >= 30,
        "the set is too small to judge"
    );
    assert!(precision >= 0.80, "precision {precision:.3}: {errors:#?}");
    assert!(recall >= 0.40, "recall {recall:.3}");
}

const NETWORKX_RELATIONS: &str = r#"
import json, sys
import networkx as nx
data = json.load(open(sys.argv[1], encoding="utf-8"))
g = nx.node_link_graph(data, edges="links")
assert g.is_directed() and g.is_multigraph()
assert g.number_of_edges() == len(data["links"])
for link in data["links"]:
    attrs = g.edges[link["source"], link["target"], link["type"]]
    assert attrs["cameo"] == link["cameo"] and attrs["count"] == link["count"]
print(g.number_of_nodes(), g.number_of_edges(), len({k for _, _, k in g.edges(keys=True)}))
"#;

#[test]
fn relations_json_is_a_directed_multigraph_networkx_reads() {
    let dir = build_seeds(&["--format", "json,dot"]);
    let rel = read_json(&dir.path().join("relations.json"));
    assert_eq!(
        (rel["directed"].as_bool(), rel["multigraph"].as_bool()),
        (Some(true), Some(true))
    );
    let links = rel["links"].as_array().unwrap();
    assert!(links.len() >= 20);
    // The default graph keeps what was read with at least the default confidence.
    let min = rel["graph"]["min_confidence"].as_f64().unwrap();
    assert_eq!(min, 0.5);
    for l in links {
        assert_eq!(l["key"], l["type"]);
        let c = l["confidence"].as_f64().unwrap();
        assert!((min..=1.0).contains(&c), "{l}");
        assert!(
            l["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["confidence"].as_f64().unwrap() >= min && e["rule"].is_string()),
            "{l}"
        );
        for field in [
            "source",
            "target",
            "type",
            "cameo",
            "count",
            "documents",
            "evidence",
        ] {
            assert!(l.get(field).is_some(), "{field} missing in {l}");
        }
        let ev = &l["evidence"][0];
        assert!(
            ev["text"]
                .as_str()
                .unwrap()
                .contains(ev["source_text"].as_str().unwrap())
        );
    }
    // A capital acting keeps its surface form in the evidence: "— een aantijging die
    // Islamabad van de hand wijst" denies the charge made in the same sentence.
    let deny = links
        .iter()
        .find(|l| l["source"] == "pakistan" && l["type"] == "deny")
        .expect("Pakistan denies");
    assert!(
        deny["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["source_text"] == "Islamabad" && e["rule"] == "charge")
    );
    // "Kabul ontkent deze beschuldigingen" answers the sentence before: its target is not
    // named in its own sentence, and the default graph leaves it out.
    assert!(
        !links
            .iter()
            .any(|l| l["source"] == "afghanistan" && l["type"] == "deny"),
        "{links:#?}"
    );
    // Both sets are built by default, and --edges chooses.
    assert!(dir.path().join("graph.json").exists());
    let only = build_seeds(&["--format", "json", "--edges", "relations"]);
    assert!(only.path().join("relations.json").exists());
    assert!(!only.path().join("graph.json").exists());

    if require_tool("dot", &["-V"], "apt-get install graphviz") {
        let svg = render_svg(&dir.path().join("relations.dot"));
        assert!(svg.contains("attack (19)"), "the legend names the types");
    }
    if require_tool(
        "python3",
        &["-c", "import networkx"],
        "pip install networkx",
    ) {
        let out = Command::new("python3")
            .args([
                "-c",
                NETWORKX_RELATIONS,
                dir.path().join("relations.json").to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let fields: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        assert_eq!(fields[1], links.len().to_string());
    }
}

#[test]
fn bad_cues_are_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cues.toml");
    std::fs::write(
        &file,
        r#"[[entity]]
id = "x"
kind = "group"
label = "X"
aliases = ["Xgroep"]

[[relation]]
type = "attack"
cameo = "42"
label = "attacks"
color = "red"

[[cue]]
relation = "hug"
form = "verb"
phrases = ["omhelst"]

[grammar]
agent = ["door"]
"#,
    )
    .unwrap();
    let out = run(&["dict", "check", "--dict", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("cues.toml:7:1: relation \"attack\": cameo \"42\""),
        "{err}"
    );
    assert!(
        err.contains("cues.toml:7:1: relation \"attack\": color \"red\""),
        "{err}"
    );
    assert!(
        err.contains("cues.toml:13:1: cue names unknown relation type \"hug\""),
        "{err}"
    );
}

#[test]
fn an_invalid_cue_phrase_is_named_with_its_place_and_why_it_cannot_match() {
    // (phrase, why), one cue each; the phrase list starts at column 11 of its line.
    let table = [
        ("", "empty phrase"),
        ("… valt aan", "`…` must stand between two words"),
        ("valt … … aan", "two `…` in a row"),
        ("val*t aan", "`*` only at the start or end of a word"),
        ("!! aan", "has no letter or digit"),
        ("*al aan", "a wildcard needs at least three letters"),
    ];
    let mut toml = String::from(
        "[[relation]]\ntype = \"attack\"\ncameo = \"19\"\nlabel = \"attacks\"\ncolor = \"#aa0000\"\n\n\
         [grammar]\nagent = [\"door\"]\n",
    );
    for (phrase, _) in table {
        toml.push_str(&format!(
            "\n[[cue]]\nrelation = \"attack\"\nform = \"verb\"\nphrases = [{}]\n",
            serde_json::to_string(phrase).unwrap()
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cues.toml");
    std::fs::write(&file, &toml).unwrap();
    let out = run(&["dict", "check", "--dict", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for (i, (phrase, why)) in table.iter().enumerate() {
        // Cue i's phrases are on line 13 + 5 i.
        let at = format!(
            "cues.toml:{}:12: cue phrase {} cannot match: ",
            13 + 5 * i,
            serde_json::to_string(phrase).unwrap()
        );
        let line = err
            .lines()
            .find(|l| l.contains(&at))
            .unwrap_or_else(|| panic!("no {at:?} in\n{err}"));
        assert!(line.contains(why), "{line}");
    }
}

#[test]
fn a_cue_is_found_whatever_the_shape_of_its_first_word() {
    // (sentence, relation read), for a cue list with a whole first word, a `*stem` and a
    // `stem*`: the sentence gate and the matcher know each shape.
    let table = [
        ("Alfa overvalt Bravo.", Some(("alfa", "attack", "bravo"))),
        (
            "Alfa mortierbeschiet Bravo.",
            Some(("alfa", "attack", "bravo")),
        ),
        ("Alfa bestookte Bravo.", Some(("alfa", "attack", "bravo"))),
        ("Alfa beschiet Bravo.", Some(("alfa", "attack", "bravo"))),
        ("Alfa bezoekt Bravo.", None),
    ];
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("dict.toml");
    std::fs::write(
        &dict,
        r##"[[entity]]
id = "alfa"
kind = "group"
label = "Alfa"
aliases = ["Alfa"]

[[entity]]
id = "bravo"
kind = "group"
label = "Bravo"
aliases = ["Bravo"]

[[relation]]
type = "attack"
cameo = "19"
label = "attacks"
color = "#aa0000"

[grammar]
agent = ["door"]

[[cue]]
relation = "attack"
form = "verb"
phrases = ["overvalt", "*beschiet", "bestook*"]
"##,
    )
    .unwrap();
    for (i, (sentence, expected)) in table.iter().enumerate() {
        let path = dir.path().join(format!("{i}.txt"));
        std::fs::write(&path, sentence).unwrap();
        let found: BTreeSet<Triple> = relations_of(&[
            "extract",
            path.to_str().unwrap(),
            "--dict",
            dict.to_str().unwrap(),
            "--quiet",
        ])
        .into_values()
        .flatten()
        .collect();
        let expected: BTreeSet<Triple> = expected.iter().map(|&(s, r, o)| t(s, r, o)).collect();
        assert_eq!(found, expected, "{sentence}");
    }
}
