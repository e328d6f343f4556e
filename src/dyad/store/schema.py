"""The DuckDB schema and its migrations.

Each migration is a list of statements applied once, in order; the
`schema_version` table records how far a database has come, so an old
store is upgraded in place when a newer dyad opens it.
"""

from __future__ import annotations

import duckdb

MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE articles (
            doc_id VARCHAR PRIMARY KEY,
            title VARCHAR,
            date DATE,
            url VARCHAR,
            publisher VARCHAR,
            dateline VARCHAR,
            origin VARCHAR,
            text VARCHAR,
            removed JSON,
            n_events INTEGER,
            coder VARCHAR,
            ingested_at TIMESTAMP DEFAULT current_timestamp
        )""",
        """CREATE TABLE rejected (
            origin VARCHAR,
            problem VARCHAR,
            seen_at TIMESTAMP DEFAULT current_timestamp,
            PRIMARY KEY (origin, problem)
        )""",
        """CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            sentence_index INTEGER,
            sentence VARCHAR,
            date DATE,
            date_precision VARCHAR,
            source_code VARCHAR,
            source_country VARCHAR,
            source_name VARCHAR,
            target_code VARCHAR,
            target_country VARCHAR,
            target_name VARCHAR,
            cameo VARCHAR,
            cameo_root VARCHAR,
            quad_class INTEGER,
            goldstein DOUBLE,
            plover_type VARCHAR,
            negated BOOLEAN,
            location_name VARCHAR,
            location_country VARCHAR,
            lat DOUBLE,
            lon DOUBLE,
            confidence DOUBLE,
            coder VARCHAR,
            record JSON
        )""",
        """CREATE TABLE event_mentions (
            event_id VARCHAR,
            doc_id VARCHAR,
            sentence_index INTEGER,
            PRIMARY KEY (event_id, doc_id, sentence_index)
        )""",
        "CREATE INDEX events_date ON events (date)",
        "CREATE INDEX events_dyad ON events (source_country, target_country)",
    ],
    [
        # Syndicated copies: an article may be a near-duplicate of an earlier one.
        "ALTER TABLE articles ADD COLUMN duplicate_of VARCHAR",
        "ALTER TABLE articles ADD COLUMN date_source VARCHAR",
        "ALTER TABLE articles ADD COLUMN language VARCHAR",
        """CREATE TABLE article_signatures (
            doc_id VARCHAR PRIMARY KEY,
            minhash BLOB NOT NULL
        )""",
    ],
    [
        # Where and when, in full: the location's division, GeoNames id and precision.
        "ALTER TABLE events ADD COLUMN location_admin1 VARCHAR",
        "ALTER TABLE events ADD COLUMN location_geonames_id BIGINT",
        "ALTER TABLE events ADD COLUMN location_precision VARCHAR",
        "ALTER TABLE events ADD COLUMN date_inherited BOOLEAN",
    ],
    [
        # Tone, quotes, the actors catalogue, and what cross-article dedup looks up.
        "ALTER TABLE articles ADD COLUMN tone DOUBLE",
        "ALTER TABLE events ADD COLUMN tone DOUBLE",
        "ALTER TABLE events ADD COLUMN location_admin1_code VARCHAR",
        "ALTER TABLE events ADD COLUMN added_at TIMESTAMP",
        """CREATE TABLE quotes (
            quote_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            sentence_index INTEGER,
            text VARCHAR NOT NULL,
            speaker_text VARCHAR,
            speaker_code VARCHAR,
            speaker_country VARCHAR,
            speaker_name VARCHAR,
            date DATE
        )""",
        """CREATE TABLE actors (
            code VARCHAR NOT NULL,
            name VARCHAR NOT NULL,  -- '' for an unnamed actor (a country, 'police')
            country VARCHAR,
            sectors VARCHAR[],
            PRIMARY KEY (code, name)
        )""",
        "CREATE INDEX events_same ON events (source_code, cameo)",
        "CREATE INDEX quotes_speaker ON quotes (speaker_code)",
    ],
]


def migrate(connection: duckdb.DuckDBPyConnection) -> int:
    """Bring the schema up to date; return the resulting version."""
    connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = connection.execute("SELECT max(version) FROM schema_version").fetchone()
    current = row[0] if row and row[0] is not None else 0
    for version, statements in enumerate(MIGRATIONS, start=1):
        if version <= current:
            continue
        connection.execute("BEGIN TRANSACTION")
        for statement in statements:
            connection.execute(statement)
        connection.execute("INSERT INTO schema_version VALUES (?)", [version])
        connection.execute("COMMIT")
    return len(MIGRATIONS)
