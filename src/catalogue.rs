//! The catalogue js/wire.js loads once, as JSON: the fields, the built-in
//! lists, the codes with their severities, the caps, which fields each
//! field's check reads, and what forms show (`"form"`). The binding ships it
//! as text (`src/wire_catalogue.json`, held to [`catalogue_json`] by
//! tests/catalogue.rs); the buffer codec is `crate::wire`.

use crate::fields::{FieldKey, VocabularyKey, CATALOGUE};
use crate::issue::{Code, Severity, MESSAGE_DETAIL_BITS};
use crate::json::{push_string, push_strings};
use crate::options::WindowCounting;
use crate::validate::fields_read_with;
use crate::vocabulary::{default_list, Vocabulary};
use crate::wire::{
    ABSENT, COUNTINGS, COUNT_BITS, LANGS, MAX_VALUE_LENGTH, MAX_VOCABULARY_CHARACTERS,
    MAX_VOCABULARY_ENTRIES, MAX_VOCABULARY_ENTRY_LENGTH, NO_DAY, NO_FIX, WHOLE_RECORD,
};

/// What the wrapper loads once: the public field catalogue and built-in
/// lists (the objects `fields()` and `defaultVocabulary()` return), and what
/// the wrapper needs to read records: the codes with their severities, the
/// caps, and which fields `validateField` reads for each field. As JSON, so
/// that `JSON.parse` makes fresh plain objects that no `Object.prototype`
/// setter can intercept.
pub fn catalogue_json() -> String {
    let mut json = String::with_capacity(8 * 1024);
    json.push_str("{\"fields\":[");
    for (index, info) in CATALOGUE.iter().enumerate() {
        if index > 0 {
            json.push(',');
        }
        json.push_str("{\"key\":");
        push_string(&mut json, info.key);
        json.push_str(",\"ja\":");
        push_string(&mut json, info.ja);
        json.push_str(",\"en\":");
        push_string(&mut json, info.en);
        json.push_str(",\"kind\":");
        push_string(&mut json, info.kind.as_str());
        json.push_str(",\"aliases\":");
        push_strings(&mut json, info.aliases.iter().copied());
        if let Some(vocabulary) = info.vocabulary {
            json.push_str(",\"vocabulary\":");
            push_string(&mut json, vocabulary.as_str());
            json.push_str(",\"choices\":");
            push_strings(&mut json, Vocabulary::default().list(vocabulary));
        }
        json.push('}');
    }
    json.push_str("],\"vocabulary\":{");
    for (index, key) in VocabularyKey::ALL.iter().enumerate() {
        if index > 0 {
            json.push(',');
        }
        push_string(&mut json, key.as_str());
        json.push(':');
        push_strings(&mut json, default_list(*key).iter().copied());
    }
    json.push_str("},\"codes\":[");
    for (index, code) in Code::ALL.iter().enumerate() {
        if index > 0 {
            json.push(',');
        }
        json.push('[');
        push_string(&mut json, code.as_str());
        json.push(',');
        json.push_str(if code.severity() == Severity::Error {
            "true"
        } else {
            "false"
        });
        json.push(',');
        push_string(&mut json, code.severity().as_str());
        json.push(']');
    }
    json.push_str("],\"readWith\":[");
    for (index, &field) in FieldKey::ALL.iter().enumerate() {
        if index > 0 {
            json.push(',');
        }
        json.push('[');
        for (n, other) in fields_read_with(field).enumerate() {
            if n > 0 {
                json.push(',');
            }
            json.push_str(&(other as u32).to_string());
        }
        json.push(']');
    }
    // The encoding's constants that js/wire/ follows: the packing of the
    // answer's words, the markers, and the values of the scalar options in
    // the order of their numbers.
    json.push_str(&format!(
        "],\"wire\":{{\"countBits\":{COUNT_BITS},\"detailBits\":{MESSAGE_DETAIL_BITS},\
         \"absent\":{ABSENT},\"noFix\":{NO_FIX},\"wholeRecord\":{WHOLE_RECORD},\"noDay\":{NO_DAY},\"langs\":"
    ));
    push_strings(&mut json, LANGS.iter().map(|(_, key)| *key));
    json.push_str(",\"countings\":");
    push_strings(
        &mut json,
        COUNTINGS.iter().map(|counting| counting.as_str()),
    );
    json.push('}');
    json.push_str(&format!(
        ",\"limits\":{{\"value\":{MAX_VALUE_LENGTH},\"vocabularyEntries\":{MAX_VOCABULARY_ENTRIES},\
         \"vocabularyEntry\":{MAX_VOCABULARY_ENTRY_LENGTH},\"vocabularyCharacters\":{MAX_VOCABULARY_CHARACTERS},\
         \"windowDays\":[{},{}],\"defaultWindowDays\":{}}}}}",
        crate::options::PASSPORT_WINDOW_DAYS_RANGE.start(),
        crate::options::PASSPORT_WINDOW_DAYS_RANGE.end(),
        crate::options::DEFAULT_PASSPORT_WINDOW_DAYS
    ));
    json.pop(); // the closing brace: the form catalogue goes inside
    form_catalogue(&mut json);
    json.push('}');
    json
}

/// `"form":{ groups, required, fixLabels, otherFixLabel, limits, defaults }`:
/// what pages and `attach()` read instead of keeping copies (`catalogue()`
/// in js/index.js, `Catalogue` in js/index.d.ts).
fn form_catalogue(json: &mut String) {
    use crate::fields::GROUPS;
    use crate::issue::FixLabel;
    use crate::options::{DEFAULT_PASSPORT_WINDOW_DAYS, PASSPORT_WINDOW_DAYS_RANGE};

    let label = |json: &mut String, label: &FixLabel| {
        json.push_str("{\"ja\":");
        push_string(json, label.ja);
        json.push_str(",\"en\":");
        push_string(json, label.en);
        json.push('}');
    };
    json.push_str(",\"form\":{\"groups\":[");
    for (index, group) in GROUPS.iter().enumerate() {
        if index > 0 {
            json.push(',');
        }
        json.push_str("{\"id\":");
        push_string(json, group.id);
        json.push_str(",\"ja\":");
        push_string(json, group.ja);
        json.push_str(",\"en\":");
        push_string(json, group.en);
        json.push_str(",\"fields\":");
        push_strings(json, group.fields.iter().map(|field| field.as_str()));
        json.push('}');
    }
    json.push_str("],\"required\":");
    let required = crate::validate::always_required();
    push_strings(json, required.iter().map(|field| field.as_str()));
    json.push_str(",\"fixLabels\":{");
    let labelled = Code::ALL
        .iter()
        .filter_map(|code| code.info().fix_label.as_ref().map(|l| (code, l)));
    for (index, (code, fix_label)) in labelled.enumerate() {
        if index > 0 {
            json.push(',');
        }
        push_string(json, code.as_str());
        json.push(':');
        label(json, fix_label);
    }
    json.push_str("},\"otherFixLabel\":");
    label(json, &FixLabel::OTHER);
    json.push_str(&format!(
        ",\"limits\":{{\"valueLength\":{MAX_VALUE_LENGTH},\"vocabularyEntries\":{MAX_VOCABULARY_ENTRIES},\
         \"passportWindowDays\":[{},{}]}},\"defaults\":{{\"passportWindowDays\":{DEFAULT_PASSPORT_WINDOW_DAYS},\"counting\":",
        PASSPORT_WINDOW_DAYS_RANGE.start(),
        PASSPORT_WINDOW_DAYS_RANGE.end(),
    ));
    push_string(json, WindowCounting::default().as_str());
    json.push_str("}}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_is_json_with_every_field_and_code() {
        let json = catalogue_json();
        assert!(json.starts_with("{\"fields\":[{\"key\":\"reportDate\""));
        for info in CATALOGUE {
            assert!(json.contains(&format!("\"key\":\"{}\"", info.key)));
        }
        for code in Code::ALL {
            assert!(json.contains(&format!("[\"{}\",", code.as_str())));
        }
    }
}
