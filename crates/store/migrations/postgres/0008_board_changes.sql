-- A change number for everything search facets count: listings, companies, claimed tags and
-- endorsements. Search keeps facet counts per query and uses one only while this number is
-- unchanged, so every writer (any server process, the CLI) invalidates them by writing.
CREATE TABLE board_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT  NOT NULL,
    -- The transaction that last bumped `n`.
    tx BIGINT
);
INSERT INTO board_changes (id, n) VALUES (1, 0);

-- Once per transaction: the number becomes visible with the transaction's commit, and later
-- statements of the same transaction leave the row alone. (Bumping it per statement would
-- pile up a row version per statement in a bulk load, each update walking all of them.)
CREATE FUNCTION board_changed() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    UPDATE board_changes SET n = n + 1, tx = txid_current()
    WHERE id = 1 AND tx IS DISTINCT FROM txid_current();
    RETURN NULL;
END
$$;

CREATE TRIGGER board_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON listings
FOR EACH STATEMENT EXECUTE FUNCTION board_changed();
CREATE TRIGGER board_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON companies
FOR EACH STATEMENT EXECUTE FUNCTION board_changed();
CREATE TRIGGER board_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON company_tag_claims
FOR EACH STATEMENT EXECUTE FUNCTION board_changed();
CREATE TRIGGER board_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON endorsements
FOR EACH STATEMENT EXECUTE FUNCTION board_changed();
