-- Reference dimensions: the metric catalog and the committee register.
CREATE TABLE dim_category (
    category_code VARCHAR PRIMARY KEY,
    name_zh VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL
);
COMMENT ON TABLE dim_category IS 'Top-level activity categories of committee work (提案, 协商议政, ...).';
COMMENT ON COLUMN dim_category.category_code IS 'Stable code, e.g. proposals.';
COMMENT ON COLUMN dim_category.name_zh IS 'Chinese name.';
COMMENT ON COLUMN dim_category.name_en IS 'English name.';

CREATE TABLE dim_metric (
    metric_code VARCHAR PRIMARY KEY,
    category_code VARCHAR NOT NULL,
    name_zh VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    units VARCHAR[] NOT NULL,
    additive BOOLEAN NOT NULL,
    bound_min DOUBLE,
    bound_max DOUBLE
);
COMMENT ON TABLE dim_metric IS 'Fine metrics from warehouse/reference/metrics.yaml (the metric catalog).';
COMMENT ON COLUMN dim_metric.metric_code IS 'Stable metric code "<category>.<name>".';
COMMENT ON COLUMN dim_metric.category_code IS 'Top-level category (dim_category).';
COMMENT ON COLUMN dim_metric.name_zh IS 'Chinese name.';
COMMENT ON COLUMN dim_metric.name_en IS 'English name.';
COMMENT ON COLUMN dim_metric.units IS 'Counting words the metric is reported in.';
COMMENT ON COLUMN dim_metric.additive IS 'True when figures of several committees may be summed (counts, money); false for rates (%).';
COMMENT ON COLUMN dim_metric.bound_min IS 'Smallest plausible yearly value of one committee.';
COMMENT ON COLUMN dim_metric.bound_max IS 'Largest plausible yearly value of one committee.';

CREATE TABLE dim_committee (
    committee_code VARCHAR NOT NULL,
    name_zh VARCHAR NOT NULL,
    short_name_zh VARCHAR NOT NULL,
    committee_name_zh VARCHAR NOT NULL,
    name_pinyin VARCHAR,
    name_en VARCHAR,
    level VARCHAR NOT NULL,
    parent_code VARCHAR,
    region_code VARCHAR,
    city_code VARCHAR,
    valid_from INTEGER NOT NULL,
    valid_to INTEGER,
    PRIMARY KEY (committee_code, valid_from)
);
COMMENT ON TABLE dim_committee IS 'CPPCC committees, one row per version of their administrative division (type-2 history): join on committee_code and year BETWEEN valid_from AND coalesce(valid_to, 9999).';
COMMENT ON COLUMN dim_committee.committee_code IS '6-digit administrative division code; 000000 is the national committee.';
COMMENT ON COLUMN dim_committee.name_zh IS 'Division name, e.g. 平罗县.';
COMMENT ON COLUMN dim_committee.short_name_zh IS 'Short division name, e.g. 平罗.';
COMMENT ON COLUMN dim_committee.committee_name_zh IS 'Committee name, e.g. 平罗县政协.';
COMMENT ON COLUMN dim_committee.name_pinyin IS 'Division name in pinyin, e.g. Pingluo Xian; null when the register has none.';
COMMENT ON COLUMN dim_committee.name_en IS 'Division name in English, e.g. Pingluo County; null when the register has none.';
COMMENT ON COLUMN dim_committee.level IS 'national, region, city or county.';
COMMENT ON COLUMN dim_committee.parent_code IS 'Code of the parent division (null for the national committee).';
COMMENT ON COLUMN dim_committee.region_code IS 'Code of the province-level division it belongs to (its own code for a region).';
COMMENT ON COLUMN dim_committee.city_code IS 'Code of the prefecture-level division it belongs to (its own code for a city; null above city level and for counties directly under a region).';
COMMENT ON COLUMN dim_committee.valid_from IS 'First year this version is valid.';
COMMENT ON COLUMN dim_committee.valid_to IS 'Last year this version is valid; null while current.';
