//! `wf_bm25`: an FTS5 ranking function whose inverse document frequencies
//! are given by the caller.
//!
//! Why not FTS5's own `bm25()`: on its first call in a query it counts the
//! passages holding each phrase by walking that phrase's whole posting list,
//! whatever rowid range the query asks for. A word found in half the
//! passages of a million-event store costs about 10 ms to walk before the
//! first row is scored, so every query holding a common word paid it.
//! [`crate::Store::search`] estimates each phrase's frequency from its newest
//! postings instead (a bounded walk) and passes the IDFs in, so the cost of
//! ranking is the rows ranked and nothing more.
//!
//! `wf_bm25(passages_fts, idf_0, idf_1, ...)` returns the Okapi BM25 score
//! (k1 = 1.2, b = 0.75, the constants of FTS5 and Lucene) of the current row,
//! larger is better; a phrase without an IDF argument weighs 1.

use rusqlite::ffi;
use rusqlite::Connection;
use std::ffi::{c_int, c_void, CStr};
use std::ptr;

const K1: f64 = 1.2;
const B: f64 = 0.75;
const NAME: &CStr = c"wf_bm25";

/// Registers `wf_bm25` on `conn`. Fails only if the SQLite library was built
/// without FTS5, which the bundled one never is.
pub(crate) fn register(conn: &Connection) -> Result<(), String> {
    // SAFETY: `fts5_api` follows the documented protocol for obtaining the
    // FTS5 API (bind a pointer of type "fts5_api_ptr" to `SELECT fts5(?1)`);
    // the API pointer lives as long as the connection, and the function we
    // register touches no user data.
    unsafe {
        let api = fts5_api(conn.handle())?;
        let create = (*api)
            .xCreateFunction
            .ok_or("FTS5 offers no xCreateFunction")?;
        let rc = create(api, NAME.as_ptr(), ptr::null_mut(), Some(wf_bm25), None);
        if rc != ffi::SQLITE_OK {
            return Err(format!("cannot register wf_bm25 (SQLite error {rc})"));
        }
    }
    Ok(())
}

unsafe fn fts5_api(db: *mut ffi::sqlite3) -> Result<*mut ffi::fts5_api, String> {
    let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
    let rc = ffi::sqlite3_prepare_v2(
        db,
        c"SELECT fts5(?1)".as_ptr(),
        -1,
        &mut stmt,
        ptr::null_mut(),
    );
    if rc != ffi::SQLITE_OK {
        return Err("this SQLite has no FTS5 module".into());
    }
    let mut api: *mut ffi::fts5_api = ptr::null_mut();
    ffi::sqlite3_bind_pointer(
        stmt,
        1,
        (&mut api as *mut *mut ffi::fts5_api).cast::<c_void>(),
        c"fts5_api_ptr".as_ptr(),
        None,
    );
    ffi::sqlite3_step(stmt);
    ffi::sqlite3_finalize(stmt);
    if api.is_null() {
        Err("FTS5 did not hand out its API".into())
    } else {
        Ok(api)
    }
}

/// The mean passage length in tokens, computed once per query and kept as
/// the query's auxiliary data.
unsafe fn mean_length(api: &ffi::Fts5ExtensionApi, fts: *mut ffi::Fts5Context) -> f64 {
    let get = api.xGetAuxdata.expect("FTS5 API v2+");
    let cached = get(fts, 0).cast::<f64>();
    if !cached.is_null() {
        return *cached;
    }
    let (mut rows, mut tokens) = (0i64, 0i64);
    api.xRowCount.expect("FTS5 API")(fts, &mut rows);
    api.xColumnTotalSize.expect("FTS5 API")(fts, -1, &mut tokens);
    let mean = if rows > 0 {
        (tokens as f64 / rows as f64).max(1.0)
    } else {
        1.0
    };
    let boxed = Box::into_raw(Box::new(mean));
    api.xSetAuxdata.expect("FTS5 API v2+")(fts, boxed.cast(), Some(drop_f64));
    mean
}

unsafe extern "C" fn drop_f64(p: *mut c_void) {
    drop(Box::from_raw(p.cast::<f64>()));
}

unsafe extern "C" fn wf_bm25(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    n_args: c_int,
    args: *mut *mut ffi::sqlite3_value,
) {
    let api = &*api;
    let mean = mean_length(api, fts);
    let mut length: c_int = 0;
    if api.xColumnSize.expect("FTS5 API")(fts, -1, &mut length) != ffi::SQLITE_OK {
        ffi::sqlite3_result_error(ctx, c"wf_bm25: cannot read the passage length".as_ptr(), -1);
        return;
    }
    let norm = K1 * (1.0 - B + B * length as f64 / mean);
    let phrases = api.xPhraseCount.expect("FTS5 API")(fts);
    let first = api.xPhraseFirst.expect("FTS5 API");
    let next = api.xPhraseNext.expect("FTS5 API");
    let mut score = 0.0;
    for phrase in 0..phrases {
        let mut iter = ffi::Fts5PhraseIter {
            a: ptr::null(),
            b: ptr::null(),
        };
        let (mut col, mut off) = (0, 0);
        if first(fts, phrase, &mut iter, &mut col, &mut off) != ffi::SQLITE_OK {
            ffi::sqlite3_result_error(ctx, c"wf_bm25: cannot read phrase hits".as_ptr(), -1);
            return;
        }
        let mut hits = 0u32;
        while col >= 0 {
            hits += 1;
            next(fts, &mut iter, &mut col, &mut off);
        }
        if hits == 0 {
            continue;
        }
        let idf = if phrase < n_args {
            ffi::sqlite3_value_double(*args.add(phrase as usize))
        } else {
            1.0
        };
        let tf = hits as f64;
        score += idf * tf * (K1 + 1.0) / (tf + norm);
    }
    ffi::sqlite3_result_double(ctx, score);
}

/// Okapi BM25's inverse document frequency in Lucene's form, which stays
/// positive for phrases found in most passages.
pub(crate) fn idf(passages: f64, holding: f64) -> f64 {
    (1.0 + (passages - holding + 0.5) / (holding + 0.5)).ln()
}
