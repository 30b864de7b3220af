-- Roles on the primary (README, "Deployment", step 2): psql -U postgres -f deploy/postgresql/roles.sql
-- Replace the passwords. The replicas receive these roles through replication.

-- The app: owns the schema, runs the migrations.
CREATE ROLE antq LOGIN PASSWORD 'change-me';
CREATE DATABASE antq OWNER antq ENCODING 'UTF8' TEMPLATE template0;

-- The replicas' connection for streaming replication.
CREATE ROLE replicator LOGIN REPLICATION PASSWORD 'change-me-too';

-- What DATABASE_REPLICA_URLS connects as: reads everything, can write nothing, even if a
-- replica were promoted to primary by mistake (tests/core/test_replicas.py uses the same role).
CREATE ROLE antq_reader LOGIN PASSWORD 'change-me-three';
ALTER ROLE antq_reader SET default_transaction_read_only = on;
GRANT pg_read_all_data TO antq_reader;
