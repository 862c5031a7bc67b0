//! Language and script of a source's original title.
//!
//! whatlang does the detection. It has no Pashto and often confuses the
//! languages written in Arabic script on short titles, so for that script
//! the letters decide first: letters only Pashto uses (ټ ډ ړ ږ ښ ګ ڼ ې ۍ ځ څ),
//! then those only Urdu uses (ٹ ڈ ڑ ں ے ہ), then the Persian ones absent from
//! Arabic (پ چ ژ گ and the Persian forms of yeh and kaf ی ک); a title with
//! none of them is Arabic.

use whatlang::{Lang, Script};

/// ISO 639-1 code and script name (`Latin`, `Arabic`, `Cyrillic` …) of
/// `text`, each `None` when the text has too few letters to tell.
pub fn detect_language(text: &str) -> (Option<&'static str>, Option<&'static str>) {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 {
        return (None, None);
    }
    let script = whatlang::detect_script(text);
    let script_name = script.map(script_name);
    if script == Some(Script::Arabic) {
        return (Some(arabic_script_language(text)), script_name);
    }
    // A Latin title is compared only with the Latin-script languages the
    // project reads its sources in (cheaper, and a short English title is
    // never Uzbek or Javanese by an accident of its letters); a guess below
    // the confidence floor is "unknown" rather than a wrong language.
    let lang = match script {
        Some(Script::Latin) => latin_detector()
            .detect(text)
            .filter(|info| info.is_reliable() || info.confidence() >= MIN_CONFIDENCE),
        // Other scripts hold few languages each (Cyrillic: Russian,
        // Ukrainian ...): whatlang's pick stands.
        _ => whatlang::detect(text),
    }
    .map(|info| iso639_1(info.lang()));
    (lang, script_name)
}

/// Below this whatlang confidence (0–1) an unreliable guess at a Latin
/// title is reported as unknown.
const MIN_CONFIDENCE: f64 = 0.3;

/// The Latin-script languages most source titles are written in.
fn latin_detector() -> &'static whatlang::Detector {
    static DETECTOR: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
    DETECTOR.get_or_init(|| {
        use whatlang::Lang::*;
        whatlang::Detector::with_allowlist(vec![
            Eng, Fra, Spa, Por, Tur, Deu, Ita, Nld, Ind, Pol, Ron, Aze, Uzb,
        ])
    })
}

fn arabic_script_language(text: &str) -> &'static str {
    let has = |set: &[char]| text.chars().any(|c| set.contains(&c));
    if has(&['ټ', 'ډ', 'ړ', 'ږ', 'ښ', 'ګ', 'ڼ', 'ې', 'ۍ', 'ځ', 'څ']) {
        "ps"
    } else if has(&['ٹ', 'ڈ', 'ڑ', 'ں', 'ے', 'ہ']) {
        "ur"
    } else if has(&['پ', 'چ', 'ژ', 'گ', 'ی', 'ک']) {
        "fa"
    } else {
        "ar"
    }
}

fn script_name(s: Script) -> &'static str {
    match s {
        Script::Latin => "Latin",
        Script::Cyrillic => "Cyrillic",
        Script::Arabic => "Arabic",
        Script::Devanagari => "Devanagari",
        Script::Hiragana | Script::Katakana => "Japanese",
        Script::Ethiopic => "Ethiopic",
        Script::Hebrew => "Hebrew",
        Script::Bengali => "Bengali",
        Script::Georgian => "Georgian",
        Script::Mandarin => "Han",
        Script::Hangul => "Hangul",
        Script::Greek => "Greek",
        Script::Kannada => "Kannada",
        Script::Tamil => "Tamil",
        Script::Thai => "Thai",
        Script::Gujarati => "Gujarati",
        Script::Gurmukhi => "Gurmukhi",
        Script::Telugu => "Telugu",
        Script::Malayalam => "Malayalam",
        Script::Oriya => "Oriya",
        Script::Myanmar => "Myanmar",
        Script::Sinhala => "Sinhala",
        Script::Khmer => "Khmer",
        Script::Armenian => "Armenian",
    }
}

/// whatlang's ISO 639-3 languages as ISO 639-1 codes.
fn iso639_1(l: Lang) -> &'static str {
    use Lang::*;
    match l {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_script_languages_by_letters() {
        assert_eq!(
            detect_language("د ښار په لویه لاره کې ګڼه ګوڼه").0,
            Some("ps")
        );
        assert_eq!(
            detect_language("باران شدید در شهر باعث خسارت شد و مردم نگران هستند").0,
            Some("fa")
        );
        assert_eq!(
            detect_language("الحكومة تعلن عن خطة جديدة لإعادة الإعمار في المدينة").0,
            Some("ar")
        );
        assert_eq!(
            detect_language("الحكومة تعلن عن خطة جديدة").1,
            Some("Arabic")
        );
    }

    #[test]
    fn latin_script_languages_by_whatlang() {
        assert_eq!(
            detect_language(
                "Les habitants de la ville ont quitté leurs maisons après les inondations"
            )
            .0,
            Some("fr")
        );
        assert_eq!(
            detect_language("Belediye başkanı yeni köprünün açılışını yarın yapacağını söyledi").0,
            Some("tr")
        );
        assert_eq!(
            detect_language("Правительство объявило о новых мерах поддержки").0,
            Some("ru")
        );
    }

    #[test]
    fn a_short_english_title_is_never_another_language() {
        // Detected as Uzbek and Javanese before the floor and the short list.
        for t in [
            "Shelling kills 12 in Abu Shouk camp",
            "Junta jet bombs market in Sagaing",
        ] {
            let lang = detect_language(t).0;
            assert!(lang.is_none() || lang == Some("en"), "{t}: {lang:?}");
        }
    }

    #[test]
    fn too_short_is_unknown() {
        assert_eq!(detect_language("TB2"), (None, None));
    }
}
