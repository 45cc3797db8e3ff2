-- Where each Elasticsearch/OpenSearch log source stopped reading: the sort values (timestamp, tiebreak)
-- of the last document analysed. Written in the same transaction as the templates mined from the page.
create table log_source_checkpoints (
    source_id       varchar(256) not null primary key,
    last_timestamp  timestamp(6) with time zone not null,
    search_after    varchar(4000) not null,
    lines_read      bigint       not null,
    updated_at      timestamp(6) with time zone not null
);
