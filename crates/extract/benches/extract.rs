//! End-to-end extraction throughput: parse + recognise + code events on a
//! generated corpus of OE Watch-style reports, at three sizes to show the
//! cost is linear. Run with `cargo bench -p watchfloor-extract`.
//!
//! The corpus is generated from templates filled with places and actors
//! from several regions, each report about as long as the sample's (~8 KB,
//! two sources, mostly analysis with a few events), so the recognisers and the event coder do
//! real work on every paragraph (triggers, dates, figures, merging).

use std::time::Instant;
use watchfloor_extract::Extractor;

const PLACES: &[(&str, &str)] = &[
    ("Monguno", "Nigeria"),
    ("Gao", "Mali"),
    ("Djibo", "Burkina Faso"),
    ("Mogadishu", "Somalia"),
    ("Baidoa", "Somalia"),
    ("Goma", "Democratic Republic of the Congo"),
    ("Peshawar", "Pakistan"),
    ("Quetta", "Pakistan"),
    ("Kandahar", "Afghanistan"),
    ("Idlib", "Syria"),
    ("Mosul", "Iraq"),
    ("Marib", "Yemen"),
    ("Cúcuta", "Colombia"),
    ("Culiacán", "Mexico"),
    ("Lashio", "Myanmar"),
    ("Palma", "Mozambique"),
    ("Diffa", "Niger"),
    ("Maroua", "Cameroon"),
];
const ACTORS: &[&str] = &[
    "ISWAP",
    "JNIM",
    "Al-Shabaab",
    "M23",
    "Tehrik-i-Taliban Pakistan",
    "the Islamic State",
    "AQAP",
    "the ELN",
    "the Sinaloa Cartel",
    "the Arakan Army",
    "Boko Haram",
    "the Baloch Liberation Army",
];
const MONTHS: &[&str] = &["January", "March", "May", "July", "September", "November"];

fn report(i: usize) -> String {
    let (place, country) = PLACES[i % PLACES.len()];
    let (place2, _) = PLACES[(i * 7 + 3) % PLACES.len()];
    let actor = ACTORS[i % ACTORS.len()];
    let actor2 = ACTORS[(i * 5 + 1) % ACTORS.len()];
    let month = MONTHS[i % MONTHS.len()];
    let day = 1 + i % 27;
    let dead = 3 + i % 40;
    let hurt = 5 + i % 60;
    format!(
        "Security Deteriorates Around {place} (Report {i})\n\n\
         A street in {place}.\n\n\n\
         “The situation around {place} has worsened, residents say.”\n\n\n\
         Militants have stepped up their campaign in {country}. According to the excerpted article from a regional daily, \
         {actor} fighters attacked a military base in {place} on {month} {day}, 2024, killing {dead} soldiers and wounding {hurt} others.[i] \
         Analysts warn that {actor2} could attack {place2} in the coming months. Since 2015 the conflict has killed thousands of people.\n\n\
         The government has promised more troops, although budgets are stretched and several reforms are planned. \
         Officials in {country} say the security forces have regained ground around {place2}, but local leaders describe \
         a different picture, with traders unable to reach markets and schools closed for weeks at a time. The armed groups \
         operating in the area, {actor} among them, have adapted their tactics, moving in smaller units and relying on \
         motorcycles to cross rivers and forests that the army cannot patrol.\n\n\
         Regional partners have offered support, yet cooperation remains uneven. Intelligence sharing between neighbouring \
         states has improved since the summit in {month}, according to diplomats, although disputes over funding and command \
         continue. Humanitarian agencies report that displacement around {place} has risen, and that access to the worst \
         affected districts depends on negotiations with local militias and traditional authorities.\n\n\
         The outlook is uncertain. If {actor2} consolidates its hold on the roads around {place2}, supply lines to the north \
         could be cut, and the pressure on the capital would grow. Observers note that previous offensives achieved quick gains \
         that were lost within months, and that the population remains wary of both the insurgents and the state.\n\n\n\
         Sources:\n\n\
         “Une attaque meurtrière à {place} (A deadly attack in {place}),” Le Quotidien (regional daily newspaper), {day} {month} 2024. https://example.org/{i}\n\n\
         {actor} fighters attacked a military base in {place} on {month} {day}, killing {dead} soldiers and wounding {hurt} others, \
         according to security sources. The army said the assault was repelled after several hours of fighting.\n\n\
         Separately, a roadside bomb exploded near a market in {place2} yesterday, killing {hurt} civilians, police said. \
         No group has claimed responsibility for the bombing, but officials accused {actor2}.\n\n\
         Police arrested {dead} suspected members of {actor2} in {place2} last week.\n\n\
         “Deux ans de conflit autour de {place2} (Two years of conflict around {place2}),” L’Observateur (weekly magazine), \
         {day} {month} 2024. https://example.org/analysis/{i}\n\n\
         The conflict around {place2} has changed the lives of thousands of families. Farmers say they can no longer reach \
         their fields, and herders have moved their animals towards the border. Local officials estimate that a third of \
         the villages in the district have emptied since the fighting began.\n\n\
         Community leaders have called for dialogue with the armed groups, a proposal the government has so far rejected. \
         Religious leaders in {place} have offered to mediate, and some families have negotiated the release of relatives \
         through intermediaries, according to residents interviewed by the magazine.\n\n\
         The army insists that the situation is under control and that the security forces are present in every district. \
         Yet travellers describe checkpoints manned by militiamen, and roads closed at night. Traders have raised prices, \
         and the cost of food in the markets of {place2} has doubled in a year.\n\n\n\
         Notes:\n\n\
         [i] For background see: “Conflict profile,” Example Institute, 2023. https://example.org/profile\n\n\n\
         Image Information:\n\n\
         Image: A street in {place}.\n\
         Source: https://commons.example.org/{i}.jpg\n\
         Attribution: Public Domain\n\n\n"
    )
}

fn corpus(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 4096);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&report(i));
        i += 1;
    }
    out
}

fn main() {
    let started = Instant::now();
    let extractor = match Extractor::load_default() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("extract bench: {e}\n(run scripts/fetch-data.sh first)");
            return;
        }
    };
    println!(
        "knowledge load: {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    for mb in [1usize, 4, 16] {
        let text = corpus(mb << 20);
        let t = Instant::now();
        let reports = watchfloor_parse::parse_text_with(
            &text,
            "generated.txt",
            watchfloor_extract::PARSE_OPTIONS,
        );
        let parsed = t.elapsed().as_secs_f64();
        let docs: Vec<_> = reports
            .iter()
            .map(|r| extractor.recognizer.annotate(r))
            .collect();
        let annotated = t.elapsed().as_secs_f64() - parsed;
        let events: usize = docs.iter().map(|d| extractor.extract_doc(d).len()).sum();
        let secs = t.elapsed().as_secs_f64();
        println!(
            "        parse {:.0}%, recognise {:.0}%, code {:.0}%",
            parsed / secs * 100.0,
            annotated / secs * 100.0,
            (secs - parsed - annotated) / secs * 100.0
        );
        println!(
            "{:>3} MB: {} reports, {} events in {:.2} s = {:.2} MB/s",
            mb,
            reports.len(),
            events,
            secs,
            text.len() as f64 / secs / 1e6
        );
    }
}
