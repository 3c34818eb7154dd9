// Page strings in Japanese and English. Field labels come from fields(); messages from validate().

export const LANGS = ['ja', 'en'];

const DATE_HINT = { ja: '例: 2021-06-03 / 令和3年6月3日 / R3.6.3', en: 'e.g. 2021-06-03 / 令和3年6月3日 / R3.6.3' };

export const STRINGS = {
  ja: {
    kicker: '新型コロナウイルス感染症 発生届（HER-SYS）',
    title: '発生届 入力チェック',
    documentTitle: 'HER-SYS 発生届 入力チェック',
    // GOV.UK's pattern: the title says there are errors, the first thing a screen reader reads on a page.
    errorTitle: 'エラー：',
    lead: '令和3年6月3日付 事務連絡「パスポート番号（旅券番号）」「現在のステータス」「場所区分」の入力徹底に沿って、入力内容をその場で確認します。',
    toolsNav: 'ツール',
    auditLink: 'ファイルで一括チェック',
    privacy: '入力した内容はこのブラウザの中だけで確認します。どこにも送信・保存されません（通信は許可していません）。',
    summaryTitle: '確認結果',
    checkAll: 'すべての項目を確認',
    errorsTitle: 'エラー',
    othersTitle: '警告・参考',
    fixTip: '修正案のある項目では、入力欄で Alt+Enter（または Ctrl+.）を押すと修正できます。Tab キーはいつも次の入力欄へ進みます。',
    copyRecord: '修正後の内容をコピー',
    printRecord: '印刷',
    copied: (n) => `修正を反映した ${n} 項目をコピーしました。`,
    copyFailed: 'コピーできませんでした。ブラウザーの設定をご確認ください。',
    copyHeading: '発生届 入力チェック：修正を反映した内容',
    copyToday: (d) => `基準日：${d}`,
    copyRemaining: (n) => `未解決のエラー ${n}件`,
    formTitle: '発生届の入力項目',
    loading: '検査エンジンを読み込んでいます…',
    loadFailed: '検査エンジンを読み込めませんでした。ページを再読み込みしてください。',
    footerRules: '確認の基準：令和3年6月3日付 厚生労働省新型コロナウイルス感染症対策推進本部 事務連絡。',
    embedLink: '既存の入力フォームに組み込む例',
    choose: '選択してください',
    required: '必須',
    optional: '任意',
    conditional: '該当時必須',
    nextRecord: '次の届出へ',
    nextDialogTitle: '入力中の届出を消去しますか？',
    nextDialogText: '入力した内容は保存されていません。消去すると元に戻せません。',
    nextDialogCopied: 'コピー済みの内容です。',
    keepReportDate: '報告年月日を残す',
    marksLegend: '「必須」「該当時必須」「任意」は、このツールが未入力を指摘するかどうかです（「該当時必須」は、欄の説明にある場合だけ指摘します）。発生届の届出事項は、様式のとおり記入してください。',
    yearFill: '年を省いた日付（6.12 など）に年を補う',
    yearFillNote: '報告年月日に最も近い年を、欄を離れたときに書き入れます。生年月日には補いません。',
    yearFilled: (label) => `${label}に、報告年月日に最も近い年を補いました。`,
    nextConfirm: '消去して次の届出へ',
    nextCancel: '戻る',
    nextDone: '新しい届出を入力できます。',
    normalizeDates: (n) => `日付をそろえる（${n}件）`,
    normalizeNote: '日付の表記を YYYY-MM-DD にそろえられます（コピーではそろえて書き出します）。',
    normalized: (n) => `${n}件の日付を YYYY-MM-DD にそろえました。`,
    barCounts: (c) => `エラー ${c.error}件・警告 ${c.warning}件`,
    barPristine: '確認結果',
    severity: { error: 'エラー', warning: '警告', info: '参考' },
    colon: '：',
    counts: (c) => `エラー ${c.error}件・警告 ${c.warning}件・参考 ${c.info}件`,
    announce: (c) =>
      c.error + c.warning + c.info === 0 ? '問題は見つかっていません。' : `確認結果：エラー ${c.error}件、警告 ${c.warning}件、参考 ${c.info}件。`,
    notePristine: '入力すると項目ごとに確認します。入力中は、手を止めるか次の項目に移ったときにお知らせします。',
    noteClean: '入力済みの項目に問題は見つかっていません。「すべての項目を確認」で未入力の必須項目も確認できます。',
    notePartial: '入力済みの項目の結果です。「すべての項目を確認」で未入力の必須項目も確認できます。',
    noteAllOk: 'エラーはありません。',
    noteAllErrors: 'エラーを直してください。各項目へのリンクから移動できます。',
    today: (d) => `基準日（今日）：${d}。`,
    timing: (ms) => `直近の確認にかかった時間：${ms} ミリ秒（このブラウザ内）。`,
  },
  en: {
    kicker: 'COVID-19 notification (HER-SYS 発生届)',
    title: 'Notification form check',
    documentTitle: 'HER-SYS notification form check',
    errorTitle: 'Error: ',
    lead: 'Checks what you enter against the MHLW notice of 3 June 2021 on the passport number, the current status and the place category.',
    toolsNav: 'Tools',
    auditLink: 'Check a file (batch)',
    privacy: 'What you enter is checked inside this browser only. Nothing is sent or stored (the page is not allowed to connect anywhere).',
    summaryTitle: 'Results',
    checkAll: 'Check all fields',
    errorsTitle: 'Errors',
    othersTitle: 'Warnings and notes',
    fixTip: 'Where a fix is offered, press Alt+Enter (or Ctrl+.) in the field to apply it. Tab always moves on to the next field.',
    copyRecord: 'Copy the corrected record',
    printRecord: 'Print',
    copied: (n) => `Copied ${n} fields with the fixes applied.`,
    copyFailed: 'Could not copy. Please check the browser settings.',
    copyHeading: 'Notification form check: the record with the fixes applied',
    copyToday: (d) => `Reference date: ${d}`,
    copyRemaining: (n) => `${n} ${n === 1 ? 'error' : 'errors'} left`,
    formTitle: 'Notification fields',
    loading: 'Loading the checker…',
    loadFailed: 'The checker could not be loaded. Please reload the page.',
    footerRules: 'Rules: MHLW COVID-19 headquarters notice of 3 June 2021 (令和3年6月3日 事務連絡).',
    embedLink: 'Example: adding the checker to an existing form',
    choose: 'Select',
    required: 'Required',
    optional: 'Optional',
    conditional: 'Required if applicable',
    nextRecord: 'Next notification',
    nextDialogTitle: 'Clear the notification you are entering?',
    nextDialogText: 'What you entered is not saved anywhere. Clearing it cannot be undone.',
    nextDialogCopied: 'You have copied this record.',
    keepReportDate: 'Keep the report date',
    marksLegend: '"Required", "Required if applicable" and "Optional" say whether this tool reports the field when it is empty ("Required if applicable": only in the case its hint names). Fill in the 発生届 as its form asks.',
    yearFill: 'Complete dates typed without a year (such as 6.12)',
    yearFillNote: 'The year closest to the report date is written in as you leave the field. Never for the date of birth.',
    yearFilled: (label) => `${label}: completed with the year closest to the report date.`,
    nextConfirm: 'Clear and start the next one',
    nextCancel: 'Go back',
    nextDone: 'Ready for a new notification.',
    normalizeDates: (n) => `Normalize dates (${n})`,
    normalizeNote: 'Dates can be written as YYYY-MM-DD (the copy writes them so anyway).',
    normalized: (n) => `${n} ${n === 1 ? 'date' : 'dates'} written as YYYY-MM-DD.`,
    barCounts: (c) => `${c.error} ${c.error === 1 ? 'error' : 'errors'} · ${c.warning} ${c.warning === 1 ? 'warning' : 'warnings'}`,
    barPristine: 'Results',
    severity: { error: 'Error', warning: 'Warning', info: 'Note' },
    colon: ': ',
    counts: (c) => `${c.error} ${c.error === 1 ? 'error' : 'errors'} · ${c.warning} ${c.warning === 1 ? 'warning' : 'warnings'} · ${c.info} ${c.info === 1 ? 'note' : 'notes'}`,
    announce: (c) =>
      c.error + c.warning + c.info === 0 ? 'No problems found.' : `Results: ${c.error} errors, ${c.warning} warnings, ${c.info} notes.`,
    notePristine: 'Each field is checked as you go. While you type, problems are shown when you pause or move on.',
    noteClean: 'No problems in the fields filled in so far. “Check all fields” also checks required fields left empty.',
    notePartial: 'Results for the fields filled in so far. “Check all fields” also checks required fields left empty.',
    noteAllOk: 'No errors.',
    noteAllErrors: 'Please correct the errors. Each link takes you to the field.',
    today: (d) => `Reference date (today): ${d}.`,
    timing: (ms) => `Last check took ${ms} ms (in this browser).`,
  },
};

/** Fields that a rule requires in some cases (their hints say when): marked 該当時必須, not 任意. */
export const CONDITIONAL = new Set(['passportNumber', 'deathDate', 'deathPlace']);

// The field groups, the required fields and the passport window come from
// the module (catalogue(), fields()); the hints below only word them.

/** 「入国日から起算して28日以内」 for the page's window and counting. */
const WITHIN = {
  ja: (w) => (w.counting === 'dayAfterEntryIsDayOne' ? `入国日の翌日から数えて${w.days}日以内` : `入国日から起算して${w.days}日以内`),
  en: (w) =>
    `within ${w.days} days of entry, ${w.counting === 'dayAfterEntryIsDayOne' ? 'counting from the day after entry' : 'counting the day of entry'}`,
};

const HINTS = {
  passportNumber: {
    ja: (w) => `半角の英字と数字（例: TK1234567）。${WITHIN.ja(w)}に診断された入国者（帰国者）は必ず入力します。`,
    en: (w) => `Half-width letters and digits (e.g. TK1234567). Required for everyone diagnosed ${WITHIN.en(w)}.`,
  },
  status: { ja: () => '死亡の場合は死亡日付と死亡場所も入力します。', en: () => 'For a death, also enter the date and place of death.' },
  deathDate: { ja: () => `ステータスが「死亡」の場合は必須。${DATE_HINT.ja}`, en: () => `Required when the status is 死亡 (death). ${DATE_HINT.en}` },
  deathPlace: { ja: () => 'ステータスが「死亡」の場合は必須。', en: () => 'Required when the status is 死亡 (death).' },
  placeCategory: { ja: () => '感染した場所が分からない場合も空欄にせず「場所種別不明」を選びます。', en: () => 'If the place is not known, do not leave it empty: choose 場所種別不明 (unknown).' },
  placeName: { ja: () => '具体的な名称が分かる場合に入力します。', en: () => 'Enter it when the specific name is known.' },
  age: { ja: () => '数字で入力（例: 41）。', en: () => 'A number (e.g. 41).' },
  entryDate: {
    ja: (w) => `診断年月日が${WITHIN.ja(w)}ならパスポート番号が必要です。${DATE_HINT.ja}`,
    en: (w) => `${WITHIN.en(w).replace(/^w/, 'W')}, a passport number is required. ${DATE_HINT.en}`,
  },
};

/**
 * The hint under a field's label, or undefined. `passportWindow` is the page's
 * passport window: `{ days, counting }` (the module's defaults unless the URL
 * asks for others).
 */
export function hintFor(field, lang, passportWindow) {
  if (HINTS[field.key]) return HINTS[field.key][lang](passportWindow);
  if (field.kind === 'date') return DATE_HINT[lang];
  return undefined;
}
