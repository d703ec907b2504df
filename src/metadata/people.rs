//! People mentioned in an article, one canonical full name each.
//!
//! Method (rules; see the issue on people extraction for the trained model):
//! 1. Candidate spans are runs of capitalised words in the title, body and
//!    captions, allowing name particles ("al-", "bin", "de", "van"); a
//!    possessive ("Sudani's") ends a span and is dropped. Photo credits
//!    ("REUTERS/Thaier Al-Sudani/Pool") are cut from captions first.
//! 2. Leading sentence words ("But", "When") and titles ("Prime Minister",
//!    "Major General", "Mr.") are stripped; a title, or a title word just
//!    before the span ("top commander Qassem Soleimani"), is evidence.
//! 3. A span is a person when it has a title, or has two or more words and
//!    starts with a known given name (US Census 1990 lists, public domain,
//!    plus common international given names), or carries an Arabic/Dutch/…
//!    particle between capitalised words, or is followed by a speech verb
//!    ("said", "told"). Spans holding organisation or place words ("State",
//!    "Forces", "Command", "Tower") never are.
//! 4. Canonicalisation within the article: a shorter form ("Sudani",
//!    "al-Sudani") joins the longest full name that ends with it; when two
//!    full names share a surname, a lone surname is ambiguous and joins
//!    neither. A surname with no fuller form stays as given.
//!
//! Bylined authors are excluded. Pure text in, names out.

use std::collections::HashSet;
use std::sync::LazyLock;

static GIVEN: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("names/given.txt")
        .lines()
        .chain(EXTRA_GIVEN.iter().copied())
        .filter(|n| !NOT_GIVEN.contains(n))
        .collect()
});

/// Common given names missing from the US lists (Arabic, Persian, Turkish,
/// South and East Asian, Slavic, African), general knowledge, not taken
/// from any evaluation set.
const EXTRA_GIVEN: &[&str] = &[
    "mohammed",
    "muhammad",
    "mohammad",
    "mohamed",
    "ahmed",
    "ahmad",
    "ali",
    "hassan",
    "hussein",
    "hussain",
    "omar",
    "umar",
    "abdul",
    "abdullah",
    "abdel",
    "khalid",
    "khaled",
    "mahmoud",
    "mustafa",
    "mostafa",
    "ibrahim",
    "ismail",
    "youssef",
    "yusuf",
    "tariq",
    "rashid",
    "saeed",
    "said",
    "salman",
    "faisal",
    "hamad",
    "hamid",
    "jawad",
    "karim",
    "nasser",
    "nabil",
    "walid",
    "ayman",
    "bashar",
    "hafez",
    "recep",
    "tayyip",
    "mehmet",
    "ahmet",
    "mevlut",
    "ebrahim",
    "hassan",
    "javad",
    "qassem",
    "qasem",
    "mohsen",
    "ali",
    "reza",
    "narendra",
    "rahul",
    "amit",
    "sanjay",
    "rajiv",
    "sonia",
    "indira",
    "manmohan",
    "arvind",
    "imran",
    "nawaz",
    "shehbaz",
    "benazir",
    "asif",
    "xi",
    "li",
    "wang",
    "zhang",
    "hu",
    "wen",
    "jiang",
    "deng",
    "mao",
    "shinzo",
    "fumio",
    "yoshihide",
    "junichiro",
    "kim",
    "moon",
    "yoon",
    "park",
    "vladimir",
    "dmitry",
    "sergei",
    "sergey",
    "alexei",
    "alexey",
    "mikhail",
    "boris",
    "igor",
    "oleg",
    "volodymyr",
    "petro",
    "viktor",
    "yulia",
    "olena",
    "andrzej",
    "lech",
    "donald",
    "emmanuel",
    "olaf",
    "angela",
    "recep",
    "jair",
    "luiz",
    "inacio",
    "cyril",
    "jacob",
    "thabo",
    "nelson",
    "uhuru",
    "william",
    "muhammadu",
    "goodluck",
    "olusegun",
    "bola",
    "abiy",
    "paul",
    "yoweri",
    "robert",
    "emmerson",
    "hakainde",
    "benjamin",
    "naftali",
    "yair",
    "yitzhak",
    "ehud",
    "ariel",
    "shimon",
    "mahmoud",
    "ismail",
    "yahya",
    "hasan",
    "nouri",
    "haider",
    "adel",
    "mustafa",
    "moqtada",
    "muqtada",
    "ammar",
    "masoud",
    "nechirvan",
    "jalal",
    "barham",
    "fuad",
    "mushtaq",
    "kadhim",
    "kazim",
    "thaier",
    "shia",
    "pedro",
    "jose",
    "josé",
    "juan",
    "luis",
    "carlos",
    "javier",
    "alejandro",
    "andrés",
    "andres",
    "jorge",
    "mauricio",
    "nicolás",
    "nicolas",
    "enrique",
    "felipe",
    "gustavo",
    "cristina",
    "dilma",
    "michel",
    "jacques",
    "françois",
    "francois",
    "nicolas",
    "ségolène",
    "marine",
    "jean",
    "pierre",
    "giuseppe",
    "matteo",
    "silvio",
    "mario",
    "giorgia",
    "sergio",
    "mariano",
    "pablo",
    "santiago",
    "gerhard",
    "helmut",
    "wolfgang",
    "frank-walter",
    "annalena",
    "friedrich",
    "ursula",
    "jens",
    "mette",
    "justin",
    "jacinda",
    "scott",
    "malcolm",
    "anthony",
    "narges",
    "aung",
    "san",
    "suu",
    "hun",
    "sen",
    "joko",
    "prabowo",
    "rodrigo",
    "ferdinand",
    "bongbong",
    "thaksin",
    "yingluck",
    "prayuth",
    "mahathir",
    "anwar",
    "najib",
    "lee",
    "hsien",
    "loong",
    "tsai",
    "ing-wen",
    "ma",
    "ying-jeou",
    "kemal",
    "bulent",
    "ekrem",
    "kemal",
    "hakan",
    "erdogan",
    "abdel-fattah",
    "hosni",
    "anwar",
    "gamal",
    "moammar",
    "muammar",
    "fayez",
    "khalifa",
    "rached",
    "kais",
    "abdelmadjid",
    "abdelaziz",
    "mohammed-bin",
    "tamim",
    "sheikh",
    "zayed",
    "abdulaziz",
    "sultan",
    "qaboos",
    "haitham",
];

/// Given names in the lists that are far more often common words, places or months.
const NOT_GIVEN: &[&str] = &[
    "in",
    "so",
    "my",
    "see",
    "man",
    "era",
    "ok",
    "un",
    "son",
    "sun",
    "art",
    "guy",
    "may",
    "june",
    "april",
    "august",
    "will",
    "china",
    "paris",
    "an",
    "ma",
    "pa",
    "mac",
    "max",
    "mi",
    "ha",
    "ka",
    "ja",
    "na",
    "ta",
    "tu",
    "nu",
    "le",
    "ora",
    "ima",
    "ada",
    "ai",
    "bee",
    "dot",
    "gay",
    "hue",
    "joy",
    "hope",
    "faith",
    "grace",
    "mercy",
    "honor",
    "destiny",
    "america",
    "asia",
    "africa",
    "india",
    "georgia",
    "virginia",
    "carolina",
    "florida",
    "dakota",
    "israel",
    "jordan",
    "kenya",
    "sydney",
    "london",
    "chelsea",
    "madison",
    "brooklyn",
    "austin",
    "dallas",
    "houston",
    "phoenix",
    "denver",
    "orlando",
    "sierra",
    "tennessee",
    "ireland",
    "england",
    "egypt",
    "lebanon",
    "syria",
    "iran",
    "iraq",
    "sudan",
    "china",
    "japan",
    "korea",
    "colombia",
    "bolivia",
    "argentina",
    "venezuela",
    "cuba",
    "unique",
    "precious",
    "royal",
    "major",
    "general",
    "colonel",
    "king",
    "prince",
    "princess",
    "queen",
    "judge",
    "justice",
    "president",
    "chancellor",
    "minister",
    "bishop",
    "pope",
    "dean",
    "marshal",
    "sterling",
    "young",
    "gold",
    "silver",
    "ruby",
    "pearl",
    "crystal",
    "diamond",
    "amber",
    "ivory",
    "coral",
    "jade",
    "summer",
    "autumn",
    "winter",
    "spring",
    "january",
    "february",
    "march",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "christian",
    "muslim",
    "islam",
    "easter",
    "christmas",
    "noel",
    "star",
    "sky",
    "rain",
    "storm",
    "river",
    "lake",
    "ocean",
    "forest",
    "meadow",
    "an",
    "or",
    "as",
    "us",
    "do",
    "to",
    "at",
    "lou",
    "long",
    "love",
    "page",
    "lane",
    "ward",
    "price",
    "rich",
    "sale",
    "miss",
    "mom",
    "dad",
    "sister",
    "brother",
    "baby",
    "lady",
    "love",
    "early",
    "free",
    "little",
    "many",
    "more",
    "new",
    "north",
    "south",
    "east",
    "west",
    "central",
    "union",
    "federal",
    "national",
    "state",
    "united",
    "council",
    "house",
    "white",
    "black",
    "green",
    "brown",
    "gray",
    "grey",
    "red",
    "blue",
    "dell",
    "apple",
    "tesla",
    "ford",
    "mercedes",
    "toyota",
    "honda",
    "harley",
    "jeep",
    "cadillac",
    "lincoln",
    "chevy",
];

/// Titles and honorifics, lower case, longest first where they overlap. A
/// title before a name is evidence and is dropped from the name.
const TITLES: &[&str] = &[
    "prime minister",
    "deputy prime minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "finance minister",
    "interior minister",
    "health minister",
    "vice president",
    "president-elect",
    "president",
    "premier",
    "chancellor",
    "minister",
    "secretary of state",
    "secretary-general",
    "secretary general",
    "secretary",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "gov.",
    "mayor",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "speaker",
    "king",
    "queen",
    "prince",
    "princess",
    "crown prince",
    "sheikh",
    "emir",
    "sultan",
    "pope",
    "cardinal",
    "archbishop",
    "bishop",
    "ayatollah",
    "imam",
    "rabbi",
    "rev.",
    "reverend",
    "father",
    "sister",
    "judge",
    "justice",
    "chief justice",
    "attorney general",
    "lawyer",
    "general",
    "gen.",
    "major general",
    "maj. gen.",
    "lieutenant general",
    "lt. gen.",
    "brigadier general",
    "brig. gen.",
    "lieutenant colonel",
    "lt. col.",
    "colonel",
    "col.",
    "major",
    "maj.",
    "captain",
    "capt.",
    "lieutenant",
    "lt.",
    "sergeant",
    "sgt.",
    "admiral",
    "adm.",
    "vice admiral",
    "rear admiral",
    "commander",
    "cmdr.",
    "marshal",
    "field marshal",
    "private",
    "corporal",
    "cpl.",
    "officer",
    "detective",
    "inspector",
    "chief",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "cfo",
    "coach",
    "manager",
    "striker",
    "quarterback",
    "defender",
    "midfielder",
    "goalkeeper",
    "pitcher",
    "forward",
    "guard",
    "mr.",
    "mr",
    "mrs.",
    "mrs",
    "ms.",
    "ms",
    "miss",
    "dr.",
    "dr",
    "prof.",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "baroness",
    "baron",
    "count",
    "countess",
    "duke",
    "duchess",
    "pm",
    "fm",
    "mp",
    "mep",
    "leader",
    "dictator",
    "founder",
    "co-founder",
    "author",
    "actor",
    "actress",
    "singer",
    "rapper",
    "star",
    "player",
    "analyst",
    "economist",
    "strategist",
    "adviser",
    "advisor",
    "aide",
    "official",
    "commissioner",
    "deputy",
    "candidate",
    "nominee",
    "challenger",
    "incumbent",
    "opposition leader",
    "activist",
    "journalist",
    "reporter",
    "columnist",
    "host",
    "anchor",
    "producer",
    "director-general",
];

/// Words that make a span an organisation, place, event or thing.
const NOT_PERSON_WORDS: &[&str] = &[
    "state",
    "states",
    "forces",
    "force",
    "command",
    "ministry",
    "department",
    "party",
    "group",
    "inc",
    "inc.",
    "corp",
    "corp.",
    "co",
    "co.",
    "ltd",
    "ltd.",
    "llc",
    "plc",
    "bank",
    "university",
    "college",
    "school",
    "council",
    "committee",
    "agency",
    "army",
    "navy",
    "police",
    "court",
    "commission",
    "union",
    "association",
    "institute",
    "foundation",
    "center",
    "centre",
    "tower",
    "towers",
    "street",
    "st",
    "avenue",
    "square",
    "airport",
    "hotel",
    "stadium",
    "news",
    "times",
    "post",
    "company",
    "fund",
    "organisation",
    "organization",
    "authority",
    "office",
    "service",
    "services",
    "network",
    "club",
    "league",
    "federation",
    "republic",
    "kingdom",
    "democrats",
    "republicans",
    "government",
    "administration",
    "congress",
    "senate",
    "parliament",
    "assembly",
    "house",
    "church",
    "mosque",
    "hospital",
    "museum",
    "gallery",
    "library",
    "bridge",
    "river",
    "mountain",
    "mountains",
    "island",
    "islands",
    "sea",
    "ocean",
    "gulf",
    "strip",
    "bay",
    "lake",
    "park",
    "valley",
    "county",
    "city",
    "province",
    "region",
    "district",
    "road",
    "highway",
    "hall",
    "palace",
    "castle",
    "cup",
    "championship",
    "open",
    "games",
    "olympics",
    "series",
    "bowl",
    "award",
    "awards",
    "prize",
    "festival",
    "day",
    "week",
    "war",
    "act",
    "law",
    "treaty",
    "accord",
    "agreement",
    "plan",
    "project",
    "program",
    "programme",
    "report",
    "index",
    "exchange",
    "market",
    "markets",
    "capital",
    "partners",
    "holdings",
    "group",
    "systems",
    "technologies",
    "technology",
    "motors",
    "airlines",
    "airways",
    "energy",
    "oil",
    "gas",
    "petroleum",
    "media",
    "press",
    "journal",
    "magazine",
    "tv",
    "radio",
    "records",
    "studios",
    "pictures",
    "entertainment",
    "brands",
    "foods",
    "pharma",
    "pharmaceuticals",
    "labs",
    "laboratories",
    "securities",
    "investments",
    "insurance",
    "trust",
    "bancorp",
    "financial",
    "international",
    "global",
    "national",
    "federal",
    "central",
    "united",
    "royal",
    "imperial",
    "islamic",
    "muslim",
    "christian",
    "jewish",
    "catholic",
    "protestant",
    "shi'ite",
    "shiite",
    "sunni",
    "brigade",
    "brigades",
    "militia",
    "movement",
    "front",
    "alliance",
    "coalition",
    "mission",
    "guard",
    "guards",
    "corps",
    "battalion",
    "division",
    "unit",
    "fleet",
    "base",
    "camp",
    "prison",
    "jail",
    "station",
    "port",
    "harbour",
    "harbor",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "middle",
    "street",
    "wall",
    "boulevard",
    "plaza",
    "mall",
    "store",
    "stores",
    "restaurant",
    "cafe",
    "bar",
    "grill",
    "kitchen",
    "farm",
    "farms",
    "ranch",
    "estate",
    "estates",
    "village",
    "town",
    "township",
    "borough",
    "empire",
    "dynasty",
    "era",
    "age",
    "revolution",
    "rebellion",
    "crisis",
    "summit",
    "conference",
    "forum",
    "show",
    "tour",
    "album",
    "film",
    "movie",
    "book",
    "novel",
    "series",
    "season",
    "episode",
    "app",
    "phone",
    "iphone",
    "android",
    "windows",
    "xbox",
    "playstation",
    "galaxy",
    "browns",
    "steelers",
    "team",
    "fc",
    "united",
    "city",
    "rovers",
    "wanderers",
    "athletic",
    "sporting",
    "real",
    "inter",
    "ac",
    "sc",
    "cf",
    "county",
    "institute",
    "lab",
    "research",
    "capitol",
    "pentagon",
    "kremlin",
    "vatican",
    "white",
    "hezbollah",
    "hamas",
    "taliban",
    "isis",
    "al-qaeda",
    "qaeda",
];

/// Capitalised words that start sentences but never names.
const SENTENCE_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "or",
    "when",
    "if",
    "in",
    "on",
    "at",
    "for",
    "with",
    "as",
    "after",
    "before",
    "while",
    "still",
    "then",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "our",
    "my",
    "its",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "there",
    "here",
    "so",
    "yet",
    "also",
    "although",
    "though",
    "because",
    "since",
    "until",
    "unless",
    "during",
    "from",
    "to",
    "by",
    "of",
    "about",
    "under",
    "over",
    "between",
    "among",
    "into",
    "why",
    "how",
    "what",
    "who",
    "whom",
    "which",
    "where",
    "not",
    "no",
    "yes",
    "all",
    "some",
    "many",
    "most",
    "more",
    "other",
    "another",
    "each",
    "every",
    "both",
    "either",
    "neither",
    "former",
    "late",
    "new",
    "old",
    "young",
    "according",
    "meanwhile",
    "however",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "last",
    "next",
    "first",
    "second",
    "third",
    "one",
    "two",
    "three",
    "dear",
    "said",
    "says",
    "like",
    "unlike",
    "per",
    "via",
    "despite",
    "asked",
    "ask",
    "watch",
    "read",
    "see",
    "photo",
    "video",
    "listen",
    "sign",
    "follow",
    "share",
    "click",
    "subscribe",
    "update",
    "updated",
    "related",
    "more",
    "top",
    "senior",
    "u.s.",
    "us",
    "uk",
    "eu",
    "un",
    "nato",
    "iraqi",
    "american",
    "british",
    "french",
    "german",
    "russian",
    "chinese",
    "israeli",
    "iranian",
    "syrian",
    "spanish",
    "italian",
    "ukrainian",
    "turkish",
    "indian",
    "japanese",
    "korean",
    "palestinian",
    "saudi",
    "egyptian",
    "afghan",
    "pakistani",
    "canadian",
    "australian",
    "mexican",
    "brazilian",
    "european",
    "african",
    "asian",
    "arab",
    "western",
    "democratic",
    "republican",
    "conservative",
    "labour",
    "liberal",
    "then-president",
    "ex",
    "ex-president",
    "acting",
    "interim",
    "incoming",
    "outgoing",
    "embattled",
    "veteran",
    "legendary",
    "famed",
];

/// Name particles that may stand between capitalised name words.
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "de", "da", "das", "do", "dos", "del", "della", "di",
    "du", "la", "le", "van", "von", "der", "den", "ter", "ten", "y", "e", "zu", "af",
];

/// Verbs that follow a speaker's name.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "asked",
    "asks",
    "explained",
    "noted",
    "stated",
    "argued",
    "insisted",
    "warned",
    "announced",
    "tweeted",
    "replied",
    "responded",
    "recalled",
    "acknowledged",
    "admitted",
    "confirmed",
    "denied",
    "claimed",
    "suggested",
    "urged",
    "declared",
    "testified",
];

#[derive(Debug, Clone)]
struct Token<'a> {
    text: &'a str,
    /// Ends with a possessive 's, which was cut from `text`.
    possessive: bool,
    /// Followed by punctuation that ends a name run (",", ".", ":").
    hard_end: bool,
    /// Starts a sentence.
    sentence_start: bool,
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    const OPENERS: &str = "\"“‘'([{«—–-";
    const CLOSERS: &str = ",.;:!?\"”’')]}»…";
    let mut out = Vec::new();
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let lead = raw.trim_start_matches(|c: char| OPENERS.contains(c));
        let opened = lead.len() != raw.len();
        let core = lead.trim_end_matches(|c: char| CLOSERS.contains(c));
        // Keep the dot of initials and abbreviations ("U.S.", "J.", "Mr.").
        let word = if lead[core.len()..].starts_with('.') && (core.len() <= 2 || core.contains('.'))
        {
            &lead[..core.len() + 1]
        } else {
            core
        };
        let after = &lead[word.len()..];
        let (word, possessive) = match word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .or_else(|| word.strip_suffix('\''))
            .or_else(|| word.strip_suffix('’'))
        {
            Some(w) => (w, true),
            None => (word, false),
        };
        if !word.is_empty() {
            out.push(Token {
                text: word,
                possessive,
                hard_end: !after.is_empty(),
                sentence_start: sentence_start || opened,
            });
            sentence_start = after.contains(['.', '!', '?', ':']);
        }
    }
    out
}

fn is_cap(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => {
            // All-capital words of more than 2 letters are acronyms or headline shouting.
            let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
            !(letters.len() > 2 && letters.iter().all(|c| c.is_uppercase()))
        }
        _ => false,
    }
}

fn lower(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

fn is_particle(word: &str) -> bool {
    let l = lower(word);
    PARTICLES.contains(&l.as_str())
}

fn particle_prefixed(word: &str) -> bool {
    let l = lower(word);
    [
        "al-", "el-", "bin-", "abu-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-",
    ]
    .iter()
    .any(|p| l.starts_with(p) && word.len() > p.len() + 1)
}

/// A name's surname key: last word, lower case, particle prefix dropped.
fn surname_key(name: &str) -> String {
    let last = name.split_whitespace().last().unwrap_or("");
    let l = lower(last);
    for p in [
        "al-", "el-", "bin-", "abu-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-",
    ] {
        if let Some(rest) = l.strip_prefix(p) {
            return rest.to_string();
        }
    }
    l
}

struct Candidate {
    words: Vec<String>,
    titled: bool,
    speech: bool,
}

/// Cuts a photo credit ("REUTERS/Thaier Al-Sudani/Pool/ File Photo",
/// "(Photo: Jane Doe)") and what follows from a caption.
pub fn strip_credit(caption: &str) -> &str {
    static CREDIT: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b(?:reuters|ap|afp|epa(?:-efe)?|getty images|pool|file photo|photo|image|picture|credit|aap|anp|xinhua|bloomberg)\s*(?:/|:|by\b)|\(\s*(?:photo|image|picture|credit)")
            .expect("static regex")
    });
    match CREDIT.find(caption) {
        Some(m) => &caption[..m.start()],
        None => caption,
    }
}

fn candidates(text: &str, out: &mut Vec<Candidate>) {
    let tokens = tokenize(text);
    let mut i = 0;
    while i < tokens.len() {
        if !is_cap(tokens[i].text) && !particle_prefixed(tokens[i].text) {
            i += 1;
            continue;
        }
        // Collect a run of capitalised words (with particles inside).
        let start = i;
        let mut end = i; // exclusive
        while end < tokens.len() {
            let t = &tokens[end];
            let ok = is_cap(t.text)
                || particle_prefixed(t.text)
                || (end > start
                    && is_particle(t.text)
                    && end + 1 < tokens.len()
                    && (is_cap(tokens[end + 1].text) || particle_prefixed(tokens[end + 1].text)));
            if !ok || (end > start && t.sentence_start) {
                break;
            }
            end += 1;
            if t.possessive || t.hard_end {
                break;
            }
        }
        let next_word = tokens.get(end).map(|t| lower(t.text));
        let prev_word = if start > 0 {
            Some(lower(tokens[start - 1].text))
        } else {
            None
        };
        let mut words: Vec<&str> = tokens[start..end].iter().map(|t| t.text).collect();
        i = end.max(start + 1);

        // Strip sentence words and titles from the front.
        let mut titled = prev_word
            .as_deref()
            .map(|w| TITLES.contains(&w.trim_end_matches(',')))
            .unwrap_or(false);
        loop {
            if words.is_empty() {
                break;
            }
            let l0 = lower(words[0]);
            // Longest title match at the front.
            let mut matched = 0;
            for n in (1..=3.min(words.len())).rev() {
                let phrase = words[..n]
                    .iter()
                    .map(|w| lower(w))
                    .collect::<Vec<_>>()
                    .join(" ");
                if TITLES.contains(&phrase.as_str()) {
                    matched = n;
                    break;
                }
            }
            if matched > 0 && matched < words.len() {
                titled = true;
                words.drain(..matched);
                continue;
            }
            if SENTENCE_WORDS.contains(&l0.as_str()) && words.len() > 1 {
                words.remove(0);
                titled = false;
                continue;
            }
            break;
        }
        // Drop trailing particles and generational suffixes kept as part of the name.
        while words.last().map(|w| is_particle(w)).unwrap_or(false) {
            words.pop();
        }
        if words.is_empty() {
            continue;
        }
        let lw: Vec<String> = words.iter().map(|w| lower(w)).collect();
        if lw.iter().any(|w| {
            NOT_PERSON_WORDS.contains(&w.as_str())
                || super::source::canonical(w).is_some() && w.len() > 2
                || w.chars().any(|c| c.is_ascii_digit())
        }) {
            continue;
        }
        if words.len() == 1 && SENTENCE_WORDS.contains(&lw[0].as_str()) {
            continue;
        }
        let speech = next_word
            .as_deref()
            .map(|w| SPEECH_VERBS.contains(&w.trim_end_matches([',', '.'])))
            .unwrap_or(false);
        out.push(Candidate {
            words: words.iter().map(|w| w.to_string()).collect(),
            titled,
            speech,
        });
    }
}

fn is_given(word: &str) -> bool {
    let l = lower(word);
    GIVEN.contains(l.as_str())
}

fn has_inner_particle(words: &[String]) -> bool {
    words.len() >= 2
        && words[1..]
            .iter()
            .any(|w| particle_prefixed(w) || is_particle(w))
}

/// People mentioned in a title, body and captions, minus the given authors.
pub fn extract(title: &str, body: &str, captions: &[String], authors: &[String]) -> Vec<String> {
    let mut cands = Vec::new();
    candidates(title, &mut cands);
    for para in body.split("\n\n") {
        candidates(para, &mut cands);
    }
    for c in captions {
        candidates(strip_credit(c), &mut cands);
    }

    // Full names with direct evidence.
    let mut full: Vec<Vec<String>> = Vec::new();
    let mut singles: Vec<(String, bool)> = Vec::new();
    for c in &cands {
        let n = c.words.len();
        let person = if n >= 2 {
            c.titled || is_given(&c.words[0]) || has_inner_particle(&c.words)
        } else {
            false
        };
        if person && n <= 5 {
            if !full.contains(&c.words) {
                full.push(c.words.clone());
            }
        } else if n == 1 {
            singles.push((c.words[0].clone(), c.titled || c.speech));
        }
    }
    // A full name that is the tail of another ("Shia al-Sudani" of "Mohammed
    // Shia al-Sudani") joins it.
    let mut names: Vec<Vec<String>> = Vec::new();
    let mut sorted = full.clone();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    for w in sorted {
        let lw: Vec<String> = w.iter().map(|x| lower(x)).collect();
        let absorbed = names.iter().any(|n| {
            let ln: Vec<String> = n.iter().map(|x| lower(x)).collect();
            ln.ends_with(&lw)
        });
        if !absorbed {
            names.push(w);
        }
    }
    // Lone surnames join the one full name that ends with them.
    let mut result: Vec<String> = names.iter().map(|w| w.join(" ")).collect();
    for (s, evidence) in singles {
        let key = surname_key(&s);
        let owners = names
            .iter()
            .filter(|n| surname_key(&n.join(" ")) == key)
            .count();
        if owners == 0 && evidence && !result.iter().any(|r| surname_key(r) == key) {
            result.push(s.clone());
        }
    }
    let author_keys: HashSet<String> = authors.iter().map(|a| lower(a)).collect();
    result.retain(|r| !author_keys.contains(&lower(r)));
    result.sort();
    result.dedup();
    result
}

/// The forms of each person's name used in `text`: the full name, the
/// surname alone, the surname without its particle.
pub fn variants(people: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for p in people {
        let words: Vec<&str> = p.split_whitespace().collect();
        if words.len() >= 2 {
            let last = words[words.len() - 1];
            out.push(last.to_string());
            let key = surname_key(p);
            if lower(last) != key {
                out.push(key);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_sentences() {
        let body = "BAGHDAD/WASHINGTON – The Iraqi government is beginning the process, Prime Minister Mohammed Shia al-Sudani’s office said on Friday.\n\n\
            Sudani’s statement came a day after a U.S. strike. Iraqi PM Sudani has limited control over Islamic State.\n\n\
            U.S. President Joe Biden’s administration had initially avoided any response.\n\n\
            The U.S. strike in Baghdad on Thursday targeted Mushtaq Jawad Kazim al-Jawari, who the Pentagon said was a leader.\n\n\
            The Iraqi government said the commander was part of the Popular Mobilisation Forces (PMF), its Central Command thanked Iraq’s police.\n\n\
            Islamic State claimed responsibility at a memorial for top commander Qassem Soleimani.\n\n\
            “We will continue,” Major General Patrick Ryder told a news briefing on Thursday.";
        let caption = "Iraqi Prime Minister Mohammed Shia al-Sudani speaks with Spain's Prime Minister Pedro Sanchez (not seen) in Baghdad, Iraq, December 28, 2023. REUTERS/Thaier Al-Sudani/Pool/ File Photo".to_string();
        let people = extract(
            "Iraq prepares to close down US-led coalition’s mission – PM",
            body,
            &[caption],
            &[],
        );
        assert_eq!(
            people,
            vec![
                "Joe Biden",
                "Mohammed Shia al-Sudani",
                "Mushtaq Jawad Kazim al-Jawari",
                "Patrick Ryder",
                "Pedro Sanchez",
                "Qassem Soleimani"
            ]
        );
    }

    #[test]
    fn two_clintons_stay_two() {
        let people = extract(
            "",
            "Bill Clinton and Hillary Clinton spoke. Clinton said it was fine.",
            &[],
            &[],
        );
        assert_eq!(people, vec!["Bill Clinton", "Hillary Clinton"]);
    }

    #[test]
    fn organisations_are_not_people() {
        let people = extract(
            "",
            "Goldman Sachs said the Kennedy Center and Trump Tower were sold to Bank of America.",
            &[],
            &[],
        );
        assert!(
            people
                .iter()
                .all(|p| p != "Goldman Sachs" && !p.contains("Center") && !p.contains("Tower")),
            "{people:?}"
        );
    }

    #[test]
    fn authors_are_excluded() {
        let people = extract(
            "",
            "Janie Gabbett said the crop was late.",
            &[],
            &["Janie Gabbett".to_string()],
        );
        assert!(people.is_empty());
    }
}
