"""Text normalisation shared by search and extraction."""

from krapte.text import detect_language, fold, split_compound, stem, tokens


def test_fold_removes_case_accents_and_unifies_dashes() -> None:
    assert fold("Inspiciënte – Coördinator") == "inspiciente - coordinator"
    assert fold("  Energie-efficiëntie  ") == "energie-efficientie"


def test_tokens_keep_programming_languages() -> None:
    assert tokens("Medewerker (m/v) C++ & .NET") == ["medewerker", "m", "v", "c++", ".net"]


def test_dutch_plurals_and_english_plurals_meet_their_singular() -> None:
    for plural, single in [
        ("monteurs", "monteur"),
        ("warmtepompen", "warmtepomp"),
        ("zonnepanelen", "zonnepaneel"),
        ("installaties", "installatie"),
        ("leraren", "leraar"),
    ]:
        assert stem(plural, "nl") == stem(single, "nl"), plural
    assert stem("verpleegkundigen") == stem("verpleegkundige")
    assert stem("pumps", "en") == stem("pump", "en")
    assert stem("batteries", "en") == "battery"


def test_compounds_split_into_known_words_with_linking_s() -> None:
    vocab = {"warmte", "pomp", "monteur", "arbeid", "markt"}
    assert split_compound("warmtepompmonteur", vocab) == ["warmte", "pomp", "monteur"]
    assert split_compound("arbeidsmarkt", vocab) == ["arbeid", "markt"]
    assert split_compound("fietsenmaker", vocab) == ["fietsenmaker"]


def test_language_detection() -> None:
    assert detect_language("Wij zoeken een ervaren monteur voor onze klanten") == "nl"
    assert detect_language("We are looking for an experienced engineer") == "en"
    assert detect_language("") is None


def test_latin_verbs_in_cteren_and_ceren_nominalise_in_ctie() -> None:
    from krapte.text.dutch_variants import dutch_label_variants, verb_forms

    assert "inspectie" in verb_forms("inspecteren")[1]
    assert "productie" in verb_forms("produceren")[1]
    assert "installatie" in verb_forms("installeren")[1]
    assert "inspectie van windturbines" in dutch_label_variants("windturbines inspecteren")
