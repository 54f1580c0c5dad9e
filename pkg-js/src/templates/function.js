/**
 * @file `supalint new <description> --template function`: a SECURITY
 * DEFINER function that clients call through the Data API (RPC).
 */

/** @import { TemplateSettings } from "./sql.js" */

import { functionName } from "./names.js";
import { header, qualified } from "./sql.js";

/**
 * @param {string} description the migration's description (snake_case), as `create_<function>_function`
 * @param {TemplateSettings} settings
 * @returns {string}
 */
export function functionTemplate(description, settings) {
    const name = functionName(description);
    const fn = qualified(settings.schema, name);
    const shown = `${settings.schema}.${name}`;
    return `${header(`create ${shown}()`, [
        `Describe what ${shown}() does, who may call it, and why it runs with its`,
        "owner's rights (SECURITY DEFINER) instead of the caller's.",
    ])}

create or replace function ${fn}(target_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
    caller uuid := auth.uid();
begin
    -- A SECURITY DEFINER function bypasses row-level security: check that the
    -- caller may do this (signed in, and allowed to act on target_id).
    if caller is null then
        raise exception 'permission denied for function ${name}'
            using errcode = 'insufficient_privilege';
    end if;

    -- Do the work here. The search path is empty: name every table and
    -- function with its schema (public.projects, not projects).
end;
$$;

-- Every role may execute a new function: only signed-in users may call this one.
revoke execute on function ${fn}(uuid) from public, anon;
grant execute on function ${fn}(uuid) to authenticated, service_role;
`;
}
