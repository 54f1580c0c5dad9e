//! How messages name objects: `schema.name` for what lives in a schema ([`ObjectName::display`],
//! `public` filled in for an unqualified name, where Supabase's default `search_path` puts
//! it), the name alone for what does not.

use crate::facts::{ObjectKind, ObjectName, Reindex};

/// How messages name an object a statement may leave unnamed: [`ObjectName::display`], or `?`.
pub fn display(name: Option<&ObjectName>) -> String {
    name.map_or_else(|| "?".to_string(), ObjectName::display)
}

/// How messages name an object of `kind`: [`ObjectName::display`] for what lives in a schema;
/// the name alone for what does not (a schema, extension, publication, role or database) and
/// for what is named within its table (a trigger or policy: the message names the table).
pub fn display_object(kind: ObjectKind, name: &ObjectName) -> String {
    match kind {
        ObjectKind::Schema
        | ObjectKind::Extension
        | ObjectKind::Publication
        | ObjectKind::Role
        | ObjectKind::Database
        | ObjectKind::Trigger
        | ObjectKind::Policy => name.name.clone(),
        _ => name.display(),
    }
}

/// How messages name the object a `CREATE` of `kind` makes: as [`display_object`] does, but an
/// index by its name alone, as `CREATE INDEX` takes it (the index goes in its table's schema,
/// not in `public`).
pub fn display_created(kind: ObjectKind, name: &ObjectName) -> String {
    match kind {
        ObjectKind::Index => name.name.clone(),
        _ => display_object(kind, name),
    }
}

/// How messages name what a `REINDEX` rebuilds, when it names something: a table or index in
/// its schema, a schema or database by its name alone.
pub fn display_reindex_target(reindex: &Reindex) -> Option<String> {
    let kind = match reindex.object.as_str() {
        "TABLE" => ObjectKind::Table,
        "INDEX" => ObjectKind::Index,
        "SCHEMA" => ObjectKind::Schema,
        _ => ObjectKind::Database,
    };
    let name = reindex.name.as_ref()?;
    Some(display_object(kind, name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn name(schema: Option<&str>, name: &str) -> ObjectName {
        ObjectName {
            schema: schema.map(str::to_string),
            name: name.to_string(),
            span: Span::empty_at(0),
        }
    }

    #[test]
    fn objects_in_a_schema_are_named_with_it_public_filled_in() {
        assert_eq!(display(Some(&name(None, "items"))), "public.items");
        assert_eq!(display(Some(&name(Some("app"), "items"))), "app.items");
        assert_eq!(display(None), "?");
        assert_eq!(
            display_object(ObjectKind::Function, &name(None, "f")),
            "public.f"
        );
    }

    #[test]
    fn objects_outside_schemas_or_within_a_table_are_named_alone() {
        for kind in [
            ObjectKind::Schema,
            ObjectKind::Extension,
            ObjectKind::Publication,
            ObjectKind::Role,
            ObjectKind::Database,
            ObjectKind::Trigger,
            ObjectKind::Policy,
        ] {
            assert_eq!(display_object(kind, &name(None, "x")), "x", "{kind:?}");
        }
        assert_eq!(display_created(ObjectKind::Index, &name(None, "i")), "i");
        assert_eq!(
            display_created(ObjectKind::Table, &name(None, "t")),
            "public.t"
        );
    }

    #[test]
    fn reindex_targets_are_named_by_their_kind() {
        let reindex = |object: &str, target: Option<ObjectName>| Reindex {
            object: object.to_string(),
            name: target,
            is_concurrently: false,
        };
        let target = || Some(name(None, "x"));
        assert_eq!(
            display_reindex_target(&reindex("INDEX", target())).as_deref(),
            Some("public.x")
        );
        assert_eq!(
            display_reindex_target(&reindex("SCHEMA", target())).as_deref(),
            Some("x")
        );
        assert_eq!(display_reindex_target(&reindex("SYSTEM", None)), None);
    }
}
