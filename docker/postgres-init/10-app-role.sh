#!/bin/bash
# Runs once, when the Postgres volume is first created (docker-entrypoint-initdb.d).
# POSTGRES_USER owns the schema and runs the migrations; the app connects as attune_app, which
# may read and write rows but never owns, alters or truncates anything. The app gives attune_app
# its grants after every migration run (and default privileges cover new tables).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="${APP_DB_PASSWORD:?set APP_DB_PASSWORD}" <<'EOSQL'
CREATE ROLE attune_app LOGIN PASSWORD :'app_password'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS;
EOSQL
