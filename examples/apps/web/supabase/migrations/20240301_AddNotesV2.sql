-- Migration: notes v2 with a pinned flag
-- Deliberate mistakes, for the demo: the file name has a short timestamp, is
-- not snake_case and ends in a version suffix; the table is created without
-- IF NOT EXISTS and the policy without dropping it first.

CREATE TABLE public.notes_v2 (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES public.accounts (id) ON DELETE CASCADE,
    body text NOT NULL,
    pinned boolean NOT NULL DEFAULT false
);

ALTER TABLE public.notes_v2 ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON public.notes_v2 FROM anon, authenticated, service_role;
GRANT SELECT, INSERT, UPDATE, DELETE ON public.notes_v2 TO authenticated;

CREATE POLICY notes_v2_owner ON public.notes_v2
    FOR ALL
    TO authenticated
    USING ((select auth.uid()) = user_id OR public.is_super_admin())
    WITH CHECK ((select auth.uid()) = user_id OR public.is_super_admin());
