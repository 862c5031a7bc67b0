//! Occurrence ids a person can read and cite, and keep citing.
//!
//! An occurrence (canonical event) is named in ACLED's style: the alpha-3
//! code of its country and a number, `MLI12`. The number is the next one
//! for that prefix; an id is handed out once and never given to another
//! occurrence (`occurrence_ids` keeps every id ever minted).
//!
//! Canonical event rows are rebuilt freely (a relink throws them all
//! away), so the id is anchored in the records, not in the row: each
//! per-report record has an *anchor* that survives re-coding and
//! re-ingest (its file, its report's title and its first evidence sentence,
//! [`anchor`]), and `anchors` remembers which occurrence each anchor was
//! last part of. A canonical event without an id takes the id most of its
//! records' anchors point to, if no other occurrence holds it; otherwise
//! it gets a new one. So:
//!
//! - an occurrence keeps its id across `relink`, across re-ingest of a
//!   changed file and across a re-coding that still reads it from the same
//!   sentence;
//! - when two occurrences become one, the one more records point to keeps
//!   its id (on a tie, the older id) and the other is retired;
//! - when one becomes two, the part with more of its records keeps the id
//!   and the other gets a new one;
//! - an id whose records all went away is retired, and comes back if they
//!   do.
//!
//! A person's merge or split *pins* anchors to an occurrence
//! (`anchors.pinned`): the linker then places those records there whatever
//! the merge rules say.

use crate::countries::id_prefix;
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A record's anchor: a hash of its file's path, its report's title and
/// its first evidence sentence (white space collapsed), with `#n` for the
/// n-th record of that report read from the same sentence. `seen` counts
/// anchors within one report.
pub(crate) fn anchor(
    path: &str,
    report_title: &str,
    first_sentence: Option<&str>,
    ord: usize,
    seen: &mut HashMap<String, u32>,
) -> String {
    let sentence = match first_sentence {
        Some(s) => s.split_whitespace().collect::<Vec<_>>().join(" "),
        None => format!("#record {ord}"),
    };
    let base = format!("{path}\u{1f}{report_title}\u{1f}{sentence}");
    let n = seen.entry(base.clone()).or_insert(0);
    *n += 1;
    let key = if *n == 1 {
        base
    } else {
        format!("{base}\u{1f}#{n}")
    };
    let digest = Sha256::digest(key.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Mints the next id for `country` (ISO alpha-2).
pub(crate) fn mint(tx: &Transaction<'_>, country: &str) -> rusqlite::Result<String> {
    let prefix = id_prefix(country);
    let next: i64 = tx.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM occurrence_ids WHERE prefix = ?1",
        [&prefix],
        |r| r.get(0),
    )?;
    let id = format!("{prefix}{next}");
    tx.execute(
        "INSERT INTO occurrence_ids (public_id, prefix, number, minted_at)
         VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        params![id, prefix, next],
    )?;
    Ok(id)
}

/// Gives `cid` the id `public_id` (kept, or taken back from retirement).
pub(crate) fn hold(tx: &Transaction<'_>, cid: i64, public_id: &str) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE canonical_events SET public_id = ?2 WHERE id = ?1",
        params![cid, public_id],
    )?;
    tx.execute(
        "UPDATE occurrence_ids SET retired_at = NULL, retired_into = NULL WHERE public_id = ?1",
        [public_id],
    )?;
    Ok(())
}

/// Whether an occurrence row holds `public_id`.
fn held(tx: &Transaction<'_>, public_id: &str) -> rusqlite::Result<bool> {
    tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM canonical_events WHERE public_id = ?1)",
        [public_id],
        |r| r.get(0),
    )
}

/// Which records changed occurrence in a write, for [`settle`].
pub(crate) enum Linked<'a> {
    /// These records (event ids) were linked.
    Records(&'a [i64]),
    /// Every record was (a relink).
    All,
}

/// After linking: gives each canonical event among `cids` that lacks an id
/// the one its records' anchors point to most (each id to one occurrence,
/// the occurrences with the most such records first), else a new one;
/// records where the `linked` records now are; and retires each of `freed`
/// (ids of occurrence rows deleted in this write) that no occurrence took
/// back.
pub(crate) fn settle(
    tx: &Transaction<'_>,
    cids: &BTreeSet<i64>,
    linked: Linked<'_>,
    freed: &[String],
) -> rusqlite::Result<()> {
    let mut wanting: Vec<i64> = Vec::new();
    {
        let mut has = tx.prepare_cached("SELECT public_id FROM canonical_events WHERE id = ?1")?;
        for &cid in cids {
            let id: Option<Option<String>> = has.query_row([cid], |r| r.get(0)).optional()?;
            if let Some(None) = id {
                wanting.push(cid);
            }
        }
    }
    // (records pointing, occurrence row, id), best claims first.
    let mut claims: Vec<(i64, i64, String)> = Vec::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT a.occurrence, count(*) FROM event_links l JOIN events e ON e.id = l.event_id
             JOIN anchors a ON a.anchor = e.anchor WHERE l.canonical_id = ?1 GROUP BY a.occurrence",
        )?;
        for &cid in &wanting {
            for row in
                stmt.query_map([cid], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            {
                let (id, n) = row?;
                claims.push((n, cid, id));
            }
        }
    }
    // Most records first; on a tie the older id (fewer digits, then
    // smaller), then the older occurrence row.
    let age = |id: &str| (id.len(), id.to_string());
    claims.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| age(&a.2).cmp(&age(&b.2)))
            .then(a.1.cmp(&b.1))
    });
    let mut done: HashSet<i64> = HashSet::new();
    let mut taken: HashSet<String> = HashSet::new();
    for (_, cid, id) in claims {
        if done.contains(&cid) || taken.contains(&id) || held(tx, &id)? {
            continue;
        }
        hold(tx, cid, &id)?;
        done.insert(cid);
        taken.insert(id);
    }
    for &cid in &wanting {
        if done.contains(&cid) {
            continue;
        }
        let country: String = tx.query_row(
            "SELECT country FROM canonical_events WHERE id = ?1",
            [cid],
            |r| r.get(0),
        )?;
        let id = mint(tx, &country)?;
        hold(tx, cid, &id)?;
    }
    // Where the records of each freed id went, before the anchors are
    // moved on: an id no occurrence took back is retired into the
    // occurrence holding most of its records, if any still exist.
    let mut successor: Vec<(String, Option<String>)> = Vec::new();
    {
        let mut went = tx.prepare_cached(
            "SELECT c.public_id FROM anchors a JOIN events e ON e.anchor = a.anchor
             JOIN event_links l ON l.event_id = e.id JOIN canonical_events c ON c.id = l.canonical_id
             WHERE a.occurrence = ?1 AND c.public_id IS NOT NULL AND c.public_id != ?1
             GROUP BY c.public_id ORDER BY count(*) DESC, c.public_id LIMIT 1",
        )?;
        for id in freed {
            if !held(tx, id)? {
                let into: Option<String> = went.query_row([id], |r| r.get(0)).optional()?;
                successor.push((id.clone(), into));
            }
        }
    }
    let remember = "INSERT INTO anchors (anchor, occurrence)
         SELECT e.anchor, c.public_id FROM events e JOIN event_links l ON l.event_id = e.id
         JOIN canonical_events c ON c.id = l.canonical_id
         WHERE e.anchor IS NOT NULL AND c.public_id IS NOT NULL";
    let upsert =
        " ON CONFLICT (anchor) DO UPDATE SET occurrence = excluded.occurrence WHERE pinned = 0";
    match linked {
        Linked::All => {
            tx.execute(&format!("{remember}{upsert}"), [])?;
        }
        Linked::Records(ids) => {
            let mut stmt = tx.prepare_cached(&format!("{remember} AND e.id = ?1{upsert}"))?;
            for id in ids {
                stmt.execute([id])?;
            }
        }
    }
    for (id, into) in successor {
        tx.execute(
            "UPDATE occurrence_ids SET retired_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), retired_into = ?2
             WHERE public_id = ?1 AND retired_at IS NULL",
            params![id, into],
        )?;
    }
    Ok(())
}

/// The id an occurrence row holds.
pub(crate) fn public_id_of(
    tx: &rusqlite::Connection,
    cid: i64,
) -> rusqlite::Result<Option<String>> {
    tx.query_row(
        "SELECT public_id FROM canonical_events WHERE id = ?1",
        [cid],
        |r| r.get(0),
    )
    .optional()
    .map(Option::flatten)
}

/// Schema version 3 on a store that has records: anchors for every record
/// and ids for every occurrence.
pub(crate) fn backfill_v3(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let rows: Vec<(i64, i64, String, String, i64, Option<String>)> = {
        let mut stmt = tx.prepare(
            "SELECT e.id, r.id, f.path, r.title, e.ord, json_extract(d.json, '$.evidence[0].text')
             FROM events e JOIN reports r ON r.id = e.report_id JOIN files f ON f.id = r.file_id
             JOIN event_docs d ON d.event_id = e.id ORDER BY r.id, e.ord",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut report = None;
    let mut set = tx.prepare("UPDATE events SET anchor = ?2 WHERE id = ?1")?;
    for (id, report_id, path, title, ord, sentence) in rows {
        if report != Some(report_id) {
            seen.clear();
            report = Some(report_id);
        }
        let a = anchor(&path, &title, sentence.as_deref(), ord as usize, &mut seen);
        set.execute(params![id, a])?;
    }
    let cids: BTreeSet<i64> = {
        let mut stmt = tx.prepare("SELECT id FROM canonical_events ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    settle(tx, &cids, Linked::All, &[])
}

/// Every id held by an occurrence row, by row: what a relink frees.
pub(crate) fn all_held(tx: &Transaction<'_>) -> rusqlite::Result<BTreeMap<i64, String>> {
    let mut stmt =
        tx.prepare("SELECT id, public_id FROM canonical_events WHERE public_id IS NOT NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_stable_and_tell_twins_apart() {
        let mut seen = HashMap::new();
        let a = anchor(
            "/r/a.txt",
            "T",
            Some("Gunmen  attacked\nGao."),
            0,
            &mut seen,
        );
        let b = anchor("/r/a.txt", "T", Some("Gunmen attacked Gao."), 1, &mut seen);
        assert_ne!(a, b, "a second record from one sentence is another anchor");
        let mut fresh = HashMap::new();
        assert_eq!(
            anchor("/r/a.txt", "T", Some("Gunmen attacked Gao."), 5, &mut fresh),
            a,
            "white space and the record's position do not matter"
        );
        assert_eq!(a.len(), 32);
    }
}
