-- Run once by the postgres image on an empty data volume (docker-compose.yml mounts it into
-- /docker-entrypoint-initdb.d/). The control plane uses POSTGRES_DB; n8n keeps its own tables in a second database.
CREATE DATABASE n8n;
