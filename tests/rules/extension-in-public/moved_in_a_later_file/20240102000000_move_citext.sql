alter extension citext set schema extensions;
