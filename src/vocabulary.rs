//! The option lists of the choice fields (docs/rules.md §3).
//!
//! The HER-SYS manual's exact lists are not public: only 死亡 and
//! 場所種別不明 are the notice's own words; 自宅 (the death certificate's
//! place of death) is always accepted by the project's decision. Every list is therefore a default that a caller
//! replaces per call, without a rebuild. A value outside a built-in list is
//! only a warning (the list is our reconstruction); outside a list the
//! caller gave, it is an error. The confirmed values are always accepted,
//! so the notice's own rules keep working whatever list a caller gives.

use crate::fields::VocabularyKey;
use crate::width;

/// The confirmed status for a death (notice 記2①).
pub const STATUS_DEATH: &str = "死亡";
/// The confirmed place category for an unknown place (notice 記2②).
pub const PLACE_UNKNOWN: &str = "場所種別不明";
/// A place of death always accepted: not in the notice, but category 6 of
/// the death certificate's 死亡したところの種別 (docs/rules.md §3, the
/// project's decision).
pub const DEATH_PLACE_HOME: &str = "自宅";
/// The two 類型 for a body, for which a date of death is always required.
pub const BODY_CASE_TYPES: [&str; 2] = ["感染症死亡者の死体", "感染症死亡疑い者の死体"];

/// One list per choice field: the built-in one unless the caller replaced
/// it. The built-in lists are static, so a default vocabulary costs nothing
/// to make (it is made on every keystroke).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Vocabulary {
    replaced: [Option<Vec<String>>; VocabularyKey::ALL.len()],
}

/// Whether a value belongs to its list, and which kind of list it missed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Membership<'a> {
    /// The entry of the list it names (or a confirmed value).
    Listed(&'a str),
    /// Outside the built-in list, which is not confirmed: a warning.
    OutsideDefault,
    /// Outside the list the caller supplied: an error.
    OutsideGiven,
}

/// The values accepted whatever list is in use: the notice's 死亡 and
/// 場所種別不明, and 自宅 (docs/rules.md §3).
fn confirmed(key: VocabularyKey) -> Option<&'static str> {
    match key {
        VocabularyKey::Status => Some(STATUS_DEATH),
        VocabularyKey::PlaceCategory => Some(PLACE_UNKNOWN),
        VocabularyKey::DeathPlace => Some(DEATH_PLACE_HOME),
        _ => None,
    }
}

/// The built-in list of one choice field (docs/rules.md §3).
pub fn default_list(key: VocabularyKey) -> &'static [&'static str] {
    match key {
        VocabularyKey::CaseType => &[
            "患者（確定例）",
            "無症状病原体保有者",
            "疑似症患者",
            "感染症死亡者の死体",
            "感染症死亡疑い者の死体",
        ],
        VocabularyKey::Sex => &["男", "女"],
        VocabularyKey::Status => &[
            "入院中",
            "宿泊療養中",
            "自宅療養中",
            "社会福祉施設等療養中",
            "入院・療養等調整中",
            "療養解除",
            STATUS_DEATH,
            "不明",
        ],
        VocabularyKey::DeathPlace => &[
            "病院",
            "診療所",
            "介護医療院・介護老人保健施設",
            "宿泊療養施設",
            "老人ホーム",
            DEATH_PLACE_HOME,
            "その他",
        ],
        VocabularyKey::InfectionRegion => &["国内", "国外"],
        VocabularyKey::PlaceCategory => &[
            "医療機関",
            "高齢者福祉施設",
            "障害者福祉施設",
            "児童福祉施設",
            "学校・教育施設",
            "職場",
            "飲食店",
            "運動施設",
            "家庭内",
            "宿泊施設",
            "交通機関",
            "その他",
            PLACE_UNKNOWN,
        ],
        // The notice of 2021-04-12 names 施設等区分 but no public list was
        // found; this default mirrors the place categories (decision).
        VocabularyKey::FacilityCategory => &[
            "医療機関",
            "高齢者福祉施設",
            "障害者福祉施設",
            "児童福祉施設",
            "学校・教育施設",
            "事業所",
            "その他",
            "該当なし",
        ],
        VocabularyKey::Severity => &["軽症", "中等症Ⅰ", "中等症Ⅱ", "重症"],
    }
}

/// Spellings that mean an entry of the list (docs/rules.md §3: 男性/女性).
fn synonym(key: VocabularyKey, folded: &str) -> Option<&'static str> {
    match (key, folded) {
        (VocabularyKey::Sex, "男性") => Some("男"),
        (VocabularyKey::Sex, "女性") => Some("女"),
        // Ⅰ and Ⅱ are Roman-numeral letters; people also type I, 1, II, 2.
        // (Compared after folding, so full-width digits and letters match.)
        (VocabularyKey::Severity, "中等症I" | "中等症1") => Some("中等症Ⅰ"),
        (VocabularyKey::Severity, "中等症II" | "中等症2") => Some("中等症Ⅱ"),
        _ => None,
    }
}

impl Vocabulary {
    /// The entries of one list.
    pub fn list(&self, key: VocabularyKey) -> impl Iterator<Item = &str> + '_ {
        let (replaced, built_in): (&[String], &[&str]) = match &self.replaced[key as usize] {
            Some(list) => (list, &[]),
            None => (&[], default_list(key)),
        };
        replaced
            .iter()
            .map(String::as_str)
            .chain(built_in.iter().copied())
    }

    /// Replaces one list.
    pub fn set_list(&mut self, key: VocabularyKey, values: Vec<String>) {
        self.replaced[key as usize] = Some(values);
    }

    /// True when the caller replaced this list.
    pub fn is_given(&self, key: VocabularyKey) -> bool {
        self.replaced[key as usize].is_some()
    }

    /// The entry of the list that `value` names, compared after NFKC width
    /// folding and trimming (a confirmed value counts as an entry); `None`
    /// when it names none.
    pub fn find<'a>(&'a self, key: VocabularyKey, value: &str) -> Option<&'a str> {
        // Nearly every value of an export is an entry as the list writes it:
        // found by comparing lengths and bytes, before any folding.
        if let Some(entry) = self.list(key).find(|entry| *entry == value) {
            return Some(entry);
        }
        if let Some(entry) = width::find_same(value, self.list(key)) {
            return Some(entry);
        }
        if let Some(confirmed) = confirmed(key).filter(|c| width::same(c, value)) {
            return Some(confirmed);
        }
        let folded = width::fold(value);
        let canonical = synonym(key, &folded)?;
        self.list(key).find(|entry| *entry == canonical)
    }

    /// Whether `value` is in its list, and if not, whether that list was
    /// the built-in one or the caller's.
    pub fn membership<'a>(&'a self, key: VocabularyKey, value: &str) -> Membership<'a> {
        match self.find(key, value) {
            Some(entry) => Membership::Listed(entry),
            None if self.is_given(key) => Membership::OutsideGiven,
            None => Membership::OutsideDefault,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_hold_the_confirmed_values() {
        let vocabulary = Vocabulary::default();
        assert!(vocabulary.find(VocabularyKey::Status, "死亡").is_some());
        assert!(vocabulary
            .find(VocabularyKey::PlaceCategory, "場所種別不明")
            .is_some());
        assert!(vocabulary.find(VocabularyKey::DeathPlace, "自宅").is_some());
    }

    #[test]
    fn compares_after_folding_and_trimming() {
        let vocabulary = Vocabulary::default();
        assert_eq!(
            vocabulary.find(VocabularyKey::Status, " 死亡\u{3000}"),
            Some("死亡")
        );
        assert_eq!(
            vocabulary.find(VocabularyKey::Severity, "中等症Ⅰ"),
            Some("中等症Ⅰ")
        );
        assert_eq!(
            vocabulary.find(VocabularyKey::CaseType, "患者(確定例)"),
            Some("患者（確定例）")
        );
        assert_eq!(vocabulary.find(VocabularyKey::Status, "死んだ"), None);
    }

    #[test]
    fn sex_accepts_the_long_forms() {
        let vocabulary = Vocabulary::default();
        assert_eq!(vocabulary.find(VocabularyKey::Sex, "女性"), Some("女"));
        assert_eq!(vocabulary.find(VocabularyKey::Sex, "男"), Some("男"));
    }

    #[test]
    fn severity_accepts_the_usual_spellings_of_the_roman_numerals() {
        let vocabulary = Vocabulary::default();
        for (typed, entry) in [
            ("中等症I", "中等症Ⅰ"),
            ("中等症2", "中等症Ⅱ"),
            ("中等症ＩＩ", "中等症Ⅱ"),
        ] {
            assert_eq!(vocabulary.find(VocabularyKey::Severity, typed), Some(entry));
        }
    }

    #[test]
    fn a_list_can_be_replaced() {
        let mut vocabulary = Vocabulary::default();
        vocabulary.set_list(VocabularyKey::Status, vec!["療養中".into(), "死亡".into()]);
        assert_eq!(
            vocabulary.find(VocabularyKey::Status, "療養中"),
            Some("療養中")
        );
        assert_eq!(vocabulary.find(VocabularyKey::Status, "入院中"), None);
        assert_eq!(
            vocabulary.membership(VocabularyKey::Status, "入院中"),
            Membership::OutsideGiven
        );
        assert_eq!(
            Vocabulary::default().membership(VocabularyKey::Status, "元気"),
            Membership::OutsideDefault
        );
    }

    #[test]
    fn confirmed_values_are_accepted_even_when_a_list_lacks_them() {
        let mut vocabulary = Vocabulary::default();
        vocabulary.set_list(VocabularyKey::Status, vec!["療養中".into()]);
        vocabulary.set_list(VocabularyKey::PlaceCategory, vec!["飲食店".into()]);
        vocabulary.set_list(VocabularyKey::DeathPlace, vec![]);
        assert_eq!(vocabulary.find(VocabularyKey::Status, "死亡"), Some("死亡"));
        assert_eq!(
            vocabulary.find(VocabularyKey::PlaceCategory, " 場所種別不明 "),
            Some("場所種別不明")
        );
        assert_eq!(
            vocabulary.find(VocabularyKey::DeathPlace, "自宅"),
            Some("自宅")
        );
        assert_eq!(vocabulary.find(VocabularyKey::DeathPlace, "病院"), None);
    }

    #[test]
    fn half_width_katakana_and_middle_dots_from_shift_jis_match() {
        let vocabulary = Vocabulary::default();
        assert_eq!(
            vocabulary.find(VocabularyKey::Status, "入院･療養等調整中"),
            Some("入院・療養等調整中")
        );
        assert_eq!(
            vocabulary.find(VocabularyKey::PlaceCategory, "学校･教育施設"),
            Some("学校・教育施設")
        );
    }
}
