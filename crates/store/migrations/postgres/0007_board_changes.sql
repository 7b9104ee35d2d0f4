-- A change number for everything search facets count: listings, companies, claimed tags and
-- endorsements. Search keeps facet counts per query and uses one only while this number is
-- unchanged, so every writer (any server process, the CLI) invalidates them by writing.
CREATE TABLE board_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT  NOT NULL
);
INSERT INTO board_changes (id, n) VALUES (1, 0);

CREATE FUNCTION board_changed() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    UPDATE board_changes SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

-- Once per statement: a bulk import bumps the number once, not once per row.
CREATE TRIGGER board_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON listings
FOR EACH STATEMENT EXECUTE FUNCTION board_changed();
CREATE TRIGGER board_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON companies
FOR EACH STATEMENT EXECUTE FUNCTION board_changed();
CREATE TRIGGER board_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON company_tag_claims
FOR EACH STATEMENT EXECUTE FUNCTION board_changed();
CREATE TRIGGER board_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON endorsements
FOR EACH STATEMENT EXECUTE FUNCTION board_changed();
