//! The model's own JSON: an array of reports or one report object.

use watchfloor_model::Report;

use crate::ParseError;

pub(crate) fn parse(text: &str, file: &str) -> Result<Vec<Report>, ParseError> {
    let trimmed = text.trim_start();
    let result = if trimmed.starts_with('[') {
        serde_json::from_str::<Vec<Report>>(text)
    } else {
        serde_json::from_str::<Report>(text).map(|r| vec![r])
    };
    result.map_err(|e| {
        let line = (e.line() > 0).then_some(e.line());
        ParseError::new(
            file,
            line,
            format!(
                "not a watchfloor report JSON (column {}): {e}; expected an array of reports as printed by `watchfloor parse --format json`",
                e.column()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_object_and_array_both_read() {
        let one = r#"{"title":"T","file":"f","span":[0,1],"image_caption":null,"quote":null,"sources":[]}"#;
        assert_eq!(parse(one, "x.json").unwrap()[0].title, "T");
        let many = format!("[{one},{one}]");
        assert_eq!(parse(&many, "x.json").unwrap().len(), 2);
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = parse("[\n{\"title\": 3}\n]", "bad.json").unwrap_err();
        assert_eq!(e.file, "bad.json");
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("bad.json:2: "), "{e}");
    }
}
