drop database analytics; -- expect: ban-drop-database
DROP DATABASE IF EXISTS "old-db" WITH (FORCE); -- expect: ban-drop-database
