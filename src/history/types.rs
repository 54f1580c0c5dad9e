//! Type names as PostgreSQL prints them (`format_type`): what the catalog stores for columns
//! and what overloads are matched by.

/// The type `written` as `format_type` prints it: aliases resolved (`int4` → `integer`,
/// `timestamptz` → `timestamp with time zone`, `serial` → `integer`), modifiers kept in
/// their place (`character varying(20)`, `timestamp(3) with time zone`), quotes and the
/// `public.`/`pg_catalog.` prefixes dropped.
pub fn canonical_type(written: &str) -> String {
    let mut text = written.trim().to_lowercase().replace('"', "");
    for prefix in ["pg_catalog.", "public."] {
        if let Some(rest) = text.strip_prefix(prefix) {
            text = rest.to_string();
        }
    }
    let mut dimensions = 0;
    while let Some(rest) = text.trim_end().strip_suffix("[]") {
        text = rest.to_string();
        dimensions += 1;
    }
    let (base, modifier) = match (text.find('('), text.rfind(')')) {
        (Some(open), Some(close)) if close > open => {
            let modifier: String = text[open..=close]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let base = format!("{} {}", &text[..open], &text[close + 1..]);
            (base, Some(modifier))
        }
        _ => (text.clone(), None),
    };
    let base = base.split_whitespace().collect::<Vec<_>>().join(" ");
    let modifier = modifier.as_deref().unwrap_or("");
    let canonical = match base.as_str() {
        "int" | "int4" | "integer" | "serial" | "serial4" => "integer".to_string(),
        "int8" | "bigint" | "bigserial" | "serial8" => "bigint".to_string(),
        "int2" | "smallint" | "smallserial" | "serial2" => "smallint".to_string(),
        "bool" | "boolean" => "boolean".to_string(),
        "varchar" | "character varying" => format!("character varying{modifier}"),
        "char" | "character" | "bpchar" if modifier.is_empty() && base != "bpchar" => {
            "character(1)".to_string()
        }
        "char" | "character" | "bpchar" => format!("character{modifier}"),
        "float8" | "double precision" | "float" => "double precision".to_string(),
        "float4" | "real" => "real".to_string(),
        "decimal" | "numeric" => format!("numeric{modifier}"),
        "timestamptz" | "timestamp with time zone" => {
            format!("timestamp{modifier} with time zone")
        }
        "timestamp" | "timestamp without time zone" => {
            format!("timestamp{modifier} without time zone")
        }
        "timetz" | "time with time zone" => format!("time{modifier} with time zone"),
        "time" | "time without time zone" => format!("time{modifier} without time zone"),
        other => format!("{other}{modifier}"),
    };
    canonical + &"[]".repeat(dimensions)
}

/// An argument type for matching overloads: [`canonical_type`] without modifiers (Postgres
/// ignores them in signatures).
pub fn normalize_arg_type(written: &str) -> String {
    let canonical = canonical_type(written);
    match (canonical.find('('), canonical.rfind(')')) {
        (Some(open), Some(close)) if close > open => {
            format!("{}{}", &canonical[..open], &canonical[close + 1..])
        }
        _ => canonical,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_read_as_format_type_prints_them() {
        let cases = [
            ("varchar(255)", "character varying(255)"),
            ("TIMESTAMPTZ", "timestamp with time zone"),
            ("timestamptz(3)", "timestamp(3) with time zone"),
            ("timestamp", "timestamp without time zone"),
            ("bool", "boolean"),
            ("serial", "integer"),
            ("bigserial", "bigint"),
            ("\"text\"", "text"),
            ("\"public\".\"git_provider\"", "git_provider"),
            ("numeric(10, 2)", "numeric(10,2)"),
            ("char", "character(1)"),
            ("text[]", "text[]"),
            ("int4 [] []", "integer[][]"),
            ("extensions.vector(1536)", "extensions.vector(1536)"),
        ];
        for (written, printed) in cases {
            assert_eq!(canonical_type(written), printed, "{written}");
        }
        assert_eq!(normalize_arg_type("varchar(20)"), "character varying");
        assert_eq!(normalize_arg_type("int"), "integer");
    }
}
