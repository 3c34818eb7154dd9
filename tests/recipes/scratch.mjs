// The edits of the recipes in docs/architecture.md ("Adding a rule",
// "Adding a field") for a scratch rule (`occupation.digits`: an occupation
// of digits alone) and a scratch field (`contactDate`, 接触日, a date), as
// text insertions at anchors. tests/recipes/walk.mjs applies them step by
// step in a copy of the repository. An anchor that moved fails loudly
// ("anchor … not found once"): update it here with the recipe.

/** Inserts `text` after (or before) the one occurrence of `anchor`. */
function insert(anchor, text, where = 'after') {
  return (source, file) => {
    const at = source.indexOf(anchor);
    if (at < 0 || source.indexOf(anchor, at + 1) >= 0) {
      throw new Error(`${file}: the recipe's anchor ${JSON.stringify(anchor.slice(0, 60))} is not found exactly once`);
    }
    const cut = where === 'after' ? at + anchor.length : at;
    return source.slice(0, cut) + text + source.slice(cut);
  };
}

/** Replaces the one occurrence of `anchor`. */
function replace(anchor, text) {
  return (source, file) => insert(anchor, text, 'before')(source, file).replace(anchor, '');
}

const create = (text) => (source) => {
  if (source !== null) throw new Error('the scratch rule module exists already');
  return text;
};

export const RULE = {
  code: 'occupation.digits',
  steps: {
    1: [
      [
        'src/issue.rs',
        insert(
          '    HeaderUnmapped "header.unmapped" Info\n',
          `    OccupationDigits "occupation.digits" Warning
        ja: "職業が数字だけ"
        en: "Occupation is only digits"
        msg_ja: "{field}が数字だけになっています。職業を確認してください。"
        msg_en: "The {field} is only digits: check the occupation."
        source: "docs/rules.md §4";
`,
          'before',
        ),
      ],
    ],
    2: [
      [
        'src/rules/occupation.rs',
        create(`//! 職業: a scratch rule of tests/recipes/.

use super::{Check, Context};
use crate::fields::FieldKey;
use crate::issue::{Code, Issue};

pub const OCCUPATION: Check = Check {
    reads: &[FieldKey::Occupation],
    check,
};

fn check(cx: &Context, out: &mut Vec<Issue>) {
    if cx
        .get(FieldKey::Occupation)
        .is_some_and(|value| value.chars().all(|c| c.is_ascii_digit()))
    {
        out.push(Issue::new(Code::OccupationDigits, FieldKey::Occupation));
    }
}
`),
      ],
      ['src/rules/mod.rs', insert('mod facility;\n', 'mod occupation;\n')],
      ['src/rules/mod.rs', insert('    dates::AGE,\n', '    occupation::OCCUPATION,\n')],
    ],
    3: [['tests/rules.rs', insert('        (Code::AgeMismatch, vec![(Age, "1")]),\n', '        (Code::OccupationDigits, vec![(Occupation, "123")]),\n')]],
    4: [['docs/rules.md', insert('## 5. Passport numbers', 'An occupation of digits alone is `occupation.digits` (warning): a scratch rule.\n\n', 'before')]],
  },
};

export const FIELD = {
  key: 'contactDate',
  steps: {
    1: [
      [
        'src/fields.rs',
        insert(
          '    DeathDate "deathDate" "死亡日付"',
          '    ContactDate "contactDate" "接触日" "Date of contact" Date None, ["接触年月日"];\n',
          'before',
        ),
      ],
    ],
    2: [['src/fields.rs', replace('fields: &[OnsetDate, FirstVisitDate, DiagnosisDate, InfectionDate],', 'fields: &[OnsetDate, FirstVisitDate, DiagnosisDate, InfectionDate, ContactDate],')]],
    3: [
      ['bench/js-rules/common.js', replace("'diagnosisDate', 'infectionDate', 'deathDate', 'status',", "'diagnosisDate', 'infectionDate', 'contactDate', 'deathDate', 'status',")],
      ['bench/js-rules/common.js', insert("'firstVisitDate', 'diagnosisDate', 'infectionDate',\n", "  'contactDate',\n")],
      ['bench/js-rules/pipeline.js', insert("  deathDate: [", "  contactDate: ['接触日', '接触年月日'],\n", 'before')],
    ],
    4: [
      ['tests/e2e/keystrokes.test.mjs', insert("  ['infectionRegion', 'choice',", "  ['contactDate'],\n", 'before')],
      // Left empty, the field costs one Tab per record: the budgets rise by one, knowingly.
      ['tests/e2e/keystrokes.test.mjs', replace('  hinted: 108,', '  hinted: 109,')],
      ['tests/e2e/keystrokes.test.mjs', replace('  completed: 90,', '  completed: 91,')],
      ['tests/e2e/keystrokes.test.mjs', replace('  stack: 85,', '  stack: 86,')],
    ],
  },
};
