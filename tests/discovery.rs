//! Name variants and discovery rules, as the shipped dictionaries define them: one row per
//! variant class, per discovery rule and per trap that must not fire, each with the sentence it
//! is for (made-up sentences in the shapes real news uses).

use actorgraph::dictionary::Dictionary;
use actorgraph::extract::extract;
use actorgraph::input::Document;
use std::sync::OnceLock;

fn dict() -> &'static Dictionary {
    static DICT: OnceLock<Dictionary> = OnceLock::new();
    DICT.get_or_init(|| {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
        Dictionary::load(&[root]).expect("the shipped dictionaries load")
    })
}

/// (entity id, text as written, provisional, rule) of every mention in `text`.
fn found(text: &str) -> Vec<(String, String, bool, String)> {
    let doc = Document::new("t", None, text);
    let ex = extract(dict(), &doc);
    ex.mentions
        .iter()
        .map(|m| {
            let e = ex.entity(dict(), m.entity);
            (
                e.id.clone(),
                text[m.start..m.end].to_string(),
                e.attributes.provisional,
                e.attributes.rule.clone().unwrap_or_default(),
            )
        })
        .collect()
}

/// Whether `text` yields a mention written `surface` of entity `id` (`p:` ids are
/// provisional).
fn has(text: &str, id: &str, surface: &str) -> bool {
    found(text).iter().any(|(i, s, provisional, _)| {
        i == id && s == surface && *provisional == id.starts_with("p:")
    })
}

#[test]
fn every_variant_class_matches_a_listed_person() {
    // (sentence, listed person, the variant as written)
    let rows = [
        // parts: Mohammad/Mohammed
        (
            "Mohammed Yaqoob leidt het leger.",
            "mohammad-yaqoob",
            "Mohammed Yaqoob",
        ),
        // Dutch transliteration of a surname: Hekmatyar -> Hekmatjar
        (
            "Gulbuddin Hekmatjar keerde terug.",
            "gulbuddin-hekmatyar",
            "Gulbuddin Hekmatjar",
        ),
        // endings: -uddin / -ud-Din
        (
            "Siraj-ud-Din Haqqani sprak.",
            "sirajuddin-haqqani",
            "Siraj-ud-Din Haqqani",
        ),
        // parts: Mullah/Moellah before a name
        (
            "Moellah Omar verdween in 2001.",
            "mullah-omar",
            "Moellah Omar",
        ),
        // parts: Abdul / Abd al-
        (
            "Abd al-Ghani Baradar tekende.",
            "abdul-ghani-baradar",
            "Abd al-Ghani Baradar",
        ),
    ];
    for (text, id, surface) in rows {
        assert!(has(text, id, surface), "{text}: {:?}", found(text));
    }
}

#[test]
fn a_variant_of_a_given_name_never_matches_alone() {
    // "Mohammed" alone is no one in particular.
    let f = found("Mohammed zei niets.");
    assert!(
        f.iter().all(|(id, ..)| !id.starts_with("mohammad")),
        "{f:?}"
    );
}

#[test]
fn every_discovery_rule_finds_its_actor() {
    // (sentence, provisional id, surface, rule)
    let rows = [
        (
            "Volgens hoogleraar Marieke Jansen is dat onzin.",
            "p:marieke-jansen",
            "Marieke Jansen",
            "nl-role-person",
        ),
        (
            "Dat zegt woordvoerder Ahmad Noori van de provincie.",
            "p:ahmad-noori",
            "Ahmad Noori",
            "nl-role-person",
        ),
        (
            "Het was een initiatief van Pieter de Wit, die er lang woonde.",
            "p:pieter-de-wit",
            "Pieter de Wit",
            "given-name",
        ),
        (
            "Het leger viel het district Dasht-e-Arzana binnen.",
            "p:dasht-e-arzana",
            "Dasht-e-Arzana",
            "nl-place",
        ),
        (
            "De grensovergang Ghulam Khan bleef dicht.",
            "p:ghulam-khan",
            "Ghulam Khan",
            "nl-place",
        ),
        (
            "De aanslag werd opgeëist door Jamaat-ul-Furqan.",
            "p:jamaat-ul-furqan",
            "Jamaat-ul-Furqan",
            "regional-group-name",
        ),
        (
            "Het nieuws kwam van persbureau Nangialai.",
            "p:nangialai",
            "Nangialai",
            "nl-organization",
        ),
        (
            "Hij sloot zich aan bij de beweging Hizb-e Azadi.",
            "p:hizb-e-azadi",
            "Hizb-e Azadi",
            "nl-group",
        ),
        (
            "Spokesman Qari Yusuf Ahmadi denied it.",
            "p:qari-yusuf-ahmadi",
            "Qari Yusuf Ahmadi",
            "en-role-person",
        ),
        (
            "Fighting spread to Sherzad district on Monday.",
            "p:sherzad",
            "Sherzad",
            "en-place-after",
        ),
        (
            "They fled to the village of Khogyani.",
            "p:khogyani",
            "Khogyani",
            "en-place-before",
        ),
        (
            "Kabul and Islamabad blamed the militant group Jaish Ansar Zubair for it.",
            "p:jaish-ansar-zubair",
            "Jaish Ansar Zubair",
            "en-group",
        ),
        (
            "The Islamabad High Court ruled on Monday.",
            "p:islamabad-high-court",
            "Islamabad High Court",
            "en-organization-head",
        ),
        (
            "She told Radio Pakistan that the talks had failed.",
            "p:radio-pakistan",
            "Radio Pakistan",
            "en-radio",
        ),
        (
            "Torialai Sherzad, a former defence minister, spoke first.",
            "p:torialai-sherzad",
            "Torialai Sherzad",
            "en-apposition-person",
        ),
        (
            "Wahidullah Gulzai, een voormalige commandant van het leger, ontkende.",
            "p:wahidullah-gulzai",
            "Wahidullah Gulzai",
            "nl-apposition-person",
        ),
    ];
    for (text, id, surface, rule) in rows {
        let f = found(text);
        assert!(
            f.iter()
                .any(|(i, s, p, r)| i == id && s == surface && *p && r == rule),
            "{text}: {f:?}"
        );
    }
}

#[test]
fn a_ministry_belongs_to_the_state_named_nearby() {
    let text = "Het Afghaanse ministerie van Defensie meldde tien doden.";
    let doc = Document::new("t", None, text);
    let ex = extract(dict(), &doc);
    let labels: Vec<_> = ex
        .provisional
        .iter()
        .map(|e| (e.id.as_str(), e.label.as_str()))
        .collect();
    assert_eq!(
        labels,
        [(
            "p:ministerie-van-defensie-afghanistan",
            "Afghaanse ministerie van Defensie"
        )]
    );
    // Without an adjective, the state of the sentence; the id is the same actor's.
    let text = "In Afghanistan meldde het ministerie van Defensie tien doden.";
    let doc = Document::new("t", None, text);
    let ex = extract(dict(), &doc);
    assert_eq!(
        ex.provisional[0].id,
        "p:ministerie-van-defensie-afghanistan"
    );
    assert_eq!(
        ex.provisional[0].label,
        "ministerie van Defensie (Afghanistan)"
    );
}

#[test]
fn later_surname_only_mentions_are_the_same_person() {
    let text = "Dat zei Pieter de Wit gisteren. Correspondent De Wit wil terug. De Wit vertrekt.";
    let f = found(text);
    let uhm: Vec<_> = f
        .iter()
        .filter(|(id, ..)| id == "p:pieter-de-wit")
        .collect();
    assert_eq!(uhm.len(), 3, "{f:?}");
    assert!(f.iter().all(|(id, ..)| id != "p:van-uhm"), "{f:?}");
}

#[test]
fn a_surname_of_a_listed_person_named_in_full_is_that_person() {
    let text = "Imran Khan sprak. Later zei premier Khan dat hij bleef.";
    let f = found(text);
    assert_eq!(
        f.iter().filter(|(id, ..)| id == "imran-khan").count(),
        2,
        "{f:?}"
    );
}

/// A listed person's surname alone names them even where no discovery rule fires, and Chinese
/// and Korean names (by the entity's `country`) are written family name first.
#[test]
fn a_listed_persons_surname_names_them_without_a_trigger_family_name_first() {
    // (text, entity, mentions of it)
    let rows = [
        (
            "Imran Khan sprak gisteren. Khan bleef thuis.",
            "imran-khan",
            2,
        ),
        (
            "Wang Yi arrived in Kabul. Wang met the press.",
            "wang-yi",
            2,
        ),
        // "Xi" is the family name: "Jinping" alone is no mention.
        (
            "Xi Jinping reisde af. Xi sprak. Jinping zweeg.",
            "xi-jinping",
            2,
        ),
    ];
    for (text, id, n) in rows {
        let f = found(text);
        assert_eq!(
            f.iter().filter(|(e, ..)| e == id).count(),
            n,
            "{text:?}: {f:?}"
        );
    }
}

#[test]
fn traps_do_not_fire() {
    // (sentence, why it must find no provisional actor)
    let rows = [
        (
            "Volgens Maar Daarom is het zo.",
            "sentence-initial capitals",
        ),
        ("Maar Daarom zei hij niets.", "sentence adverbs"),
        ("De aanval kwam op Maandag Januari.", "days and months"),
        ("Hij zag de film 'Peter Pan' twee keer.", "title of a work"),
        (
            "Het protest trok langs de Jan Pieterszoonstraat.",
            "street name",
        ),
        ("Ze bezochten het Anne Frank Huis.", "building name"),
        (
            "Dat meldde het ministerie van defensie.",
            "role word before a lower-case word",
        ),
        (
            "De woordvoerder zei dat er niets gebeurde.",
            "role word before a verb",
        ),
        (
            "Minister van Defensie werd hij nooit.",
            "minister van Defensie is an office",
        ),
        (
            "Mark my words, said the general.",
            "a given name that is a word, first in a sentence",
        ),
        (
            "Will Smith was there? No. Will Pakistan act?",
            "given name before a listed state",
        ),
        (
            "The General Assembly voted.",
            "a role word before an institution",
        ),
        (
            "Christian Democratic parties met.",
            "a given name before an adjective",
        ),
        (
            "Protests spread across the West Bank.",
            "a listed place that is the whole name stays the dictionary's",
        ),
        (
            "Army Says Militant Group Attacked Border Post In Kurram\n\nThe army said so.",
            "a title-case headline: capitals say nothing of names",
        ),
    ];
    for (text, why) in rows {
        let f = found(text);
        let provisional: Vec<_> = f.iter().filter(|m| m.2 && m.0 != "p:will-smith").collect();
        assert!(provisional.is_empty(), "{why}: {text}: {f:?}");
    }
}

#[test]
fn the_dictionary_wins_over_a_rule() {
    // "woordvoerder Zabihullah Mujahid" is a listed person, not a provisional one.
    let f = found("Dat zei woordvoerder Zabihullah Mujahid.");
    assert!(
        f.iter()
            .any(|(id, _, p, _)| id == "zabihullah-mujahid" && !p),
        "{f:?}"
    );
    assert!(f.iter().all(|m| !m.2), "{f:?}");
}
