//! Serde support for Rust users of the crate (feature `serde`, off by
//! default). The public types (de)serialise under the names the JS API
//! uses: codes, field keys, severities and countings as their stable
//! strings, struct fields in camelCase, a vocabulary as the lists a caller
//! gave. The wasm binding never uses serde (docs/architecture.md says why),
//! so the forms module is the same size with or without this feature.
//!
//! Errors name what was expected, never the value read: a record's values
//! are patient data.

use serde::de::{Error as _, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::fields::{FieldKey, VocabularyKey};
use crate::issue::{Code, Lang, Severity};
use crate::options::WindowCounting;
use crate::vocabulary::Vocabulary;

/// (De)serialises a fieldless enum as its stable string.
macro_rules! as_stable_string {
    ($type:ty, $expected:literal, |$value:ident| $to_str:expr, |$text:ident| $from_str:expr) => {
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let $value = *self;
                serializer.serialize_str($to_str)
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let owned = String::deserialize(deserializer)?;
                let $text = owned.as_str();
                $from_str.ok_or_else(|| D::Error::custom(concat!("expected ", $expected)))
            }
        }
    };
}

as_stable_string!(
    Code,
    "a rule code such as \"passport.required\"",
    |code| code.as_str(),
    |text| Code::from_code(text)
);
as_stable_string!(
    FieldKey,
    "a field key such as \"passportNumber\"",
    |field| field.as_str(),
    |text| FieldKey::from_key(text)
);
as_stable_string!(
    VocabularyKey,
    "an option-list key such as \"status\"",
    |key| key.as_str(),
    |text| VocabularyKey::from_key(text)
);
as_stable_string!(
    WindowCounting,
    "\"entryDayIsDayOne\" or \"dayAfterEntryIsDayOne\"",
    |counting| counting.as_str(),
    |text| WindowCounting::from_key(text)
);
as_stable_string!(
    Severity,
    "\"error\", \"warning\" or \"info\"",
    |severity| severity.as_str(),
    |text| [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .find(|s| s.as_str() == text)
);
as_stable_string!(
    Lang,
    "\"ja\" or \"en\"",
    |lang| match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    },
    |text| match text {
        "ja" => Some(Lang::Ja),
        "en" => Some(Lang::En),
        _ => None,
    }
);

/// A vocabulary is the lists the caller gave, keyed like the JS option
/// `vocabulary` (`{ "status": ["入院中", …] }`); the built-in lists are
/// implied, as in JS.
impl Serialize for Vocabulary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let given: Vec<VocabularyKey> = VocabularyKey::ALL
            .into_iter()
            .filter(|key| self.is_given(*key))
            .collect();
        let mut map = serializer.serialize_map(Some(given.len()))?;
        for key in given {
            map.serialize_entry(&key, &self.list(key).collect::<Vec<_>>())?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Vocabulary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Lists;
        impl<'de> Visitor<'de> for Lists {
            type Value = Vocabulary;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map from option-list keys to lists of strings")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Vocabulary, M::Error> {
                let mut vocabulary = Vocabulary::default();
                while let Some((key, values)) = map.next_entry::<VocabularyKey, Vec<String>>()? {
                    vocabulary.set_list(key, values);
                }
                Ok(vocabulary)
            }
        }
        deserializer.deserialize_map(Lists)
    }
}
