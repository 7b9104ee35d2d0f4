-- Saved self-assessment results. Answers are kept as the JSON document the user gave so a
-- later version of the questionnaire can re-score them.
CREATE TABLE saved_assessments (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    taken_at TIMESTAMPTZ NOT NULL,
    answers  JSONB       NOT NULL,
    verdict  TEXT        NOT NULL CHECK (verdict IN ('ic', 'management', 'either', 'unclear')),
    leaning  TEXT        CHECK (leaning IN ('ic', 'management'))
);

CREATE INDEX saved_assessments_taken_at ON saved_assessments (taken_at DESC, id DESC);
