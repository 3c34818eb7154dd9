// Kana readings of the default vocabulary's options, split into words, so that
// the choice lists can be filtered by reading (ばしょ), by romaji (basho, bs,
// fu) and by word initials. A host vocabulary's options without a reading
// still match by their own text (combobox.js). Words follow the morphemes a
// clerk would type a prefix of: 場所種別不明 → ばしょ / しゅべつ / ふめい.

/** option text → its reading, one hiragana string per word */
export const READINGS = {
  // 類型
  '患者（確定例）': ['かんじゃ', 'かくてい', 'れい'],
  '無症状病原体保有者': ['むしょうじょう', 'びょうげんたい', 'ほゆうしゃ'],
  '疑似症患者': ['ぎじしょう', 'かんじゃ'],
  '感染症死亡者の死体': ['かんせんしょう', 'しぼうしゃ', 'の', 'したい'],
  '感染症死亡疑い者の死体': ['かんせんしょう', 'しぼう', 'うたがいしゃ', 'の', 'したい'],
  // 性別
  '男': ['おとこ'],
  '女': ['おんな'],
  // 現在のステータス
  '入院中': ['にゅういん', 'ちゅう'],
  '宿泊療養中': ['しゅくはく', 'りょうよう', 'ちゅう'],
  '自宅療養中': ['じたく', 'りょうよう', 'ちゅう'],
  '社会福祉施設等療養中': ['しゃかい', 'ふくし', 'しせつ', 'とう', 'りょうよう', 'ちゅう'],
  '入院・療養等調整中': ['にゅういん', 'りょうよう', 'とう', 'ちょうせい', 'ちゅう'],
  '療養解除': ['りょうよう', 'かいじょ'],
  '死亡': ['しぼう'],
  '不明': ['ふめい'],
  // 死亡場所
  '病院': ['びょういん'],
  '診療所': ['しんりょう', 'じょ'],
  '介護医療院・介護老人保健施設': ['かいご', 'いりょういん', 'かいご', 'ろうじん', 'ほけん', 'しせつ'],
  '宿泊療養施設': ['しゅくはく', 'りょうよう', 'しせつ'],
  '老人ホーム': ['ろうじん', 'ほーむ'],
  '自宅': ['じたく'],
  'その他': ['その', 'た'],
  // 感染地域
  '国内': ['こく', 'ない'],
  '国外': ['こく', 'がい'],
  // 場所区分・施設等区分
  '医療機関': ['いりょう', 'きかん'],
  '高齢者福祉施設': ['こうれいしゃ', 'ふくし', 'しせつ'],
  '障害者福祉施設': ['しょうがいしゃ', 'ふくし', 'しせつ'],
  '児童福祉施設': ['じどう', 'ふくし', 'しせつ'],
  '学校・教育施設': ['がっこう', 'きょういく', 'しせつ'],
  '職場': ['しょくば'],
  '飲食店': ['いんしょくてん'],
  '運動施設': ['うんどう', 'しせつ'],
  '家庭内': ['かてい', 'ない'],
  '宿泊施設': ['しゅくはく', 'しせつ'],
  '交通機関': ['こうつう', 'きかん'],
  '場所種別不明': ['ばしょ', 'しゅべつ', 'ふめい'],
  '事業所': ['じぎょう', 'しょ'],
  '該当なし': ['がいとう', 'なし'],
  // 重症度
  '軽症': ['けいしょう'],
  '中等症Ⅰ': ['ちゅうとうしょう', 'いち'],
  '中等症Ⅱ': ['ちゅうとうしょう', 'に'],
  '重症': ['じゅうしょう'],
};

// --- romaji ------------------------------------------------------------------
// A small Hepburn converter: the first spelling is the canonical one (used for
// what the user typed in kana), the others are the variants people type
// (shi/si, tsu/tu, fu/hu, ji/zi, chi/ti, sha/sya, ja/zya/jya, n/nn).

const BASE = {
  あ: 'a', い: 'i', う: 'u', え: 'e', お: 'o',
  か: 'ka', き: 'ki', く: 'ku', け: 'ke', こ: 'ko', が: 'ga', ぎ: 'gi', ぐ: 'gu', げ: 'ge', ご: 'go',
  さ: 'sa', し: 'shi si', す: 'su', せ: 'se', そ: 'so', ざ: 'za', じ: 'ji zi', ず: 'zu', ぜ: 'ze', ぞ: 'zo',
  た: 'ta', ち: 'chi ti', つ: 'tsu tu', て: 'te', と: 'to', だ: 'da', ぢ: 'ji di', づ: 'zu du', で: 'de', ど: 'do',
  な: 'na', に: 'ni', ぬ: 'nu', ね: 'ne', の: 'no',
  は: 'ha', ひ: 'hi', ふ: 'fu hu', へ: 'he', ほ: 'ho', ば: 'ba', び: 'bi', ぶ: 'bu', べ: 'be', ぼ: 'bo',
  ぱ: 'pa', ぴ: 'pi', ぷ: 'pu', ぺ: 'pe', ぽ: 'po',
  ま: 'ma', み: 'mi', む: 'mu', め: 'me', も: 'mo', や: 'ya', ゆ: 'yu', よ: 'yo',
  ら: 'ra', り: 'ri', る: 'ru', れ: 're', ろ: 'ro', わ: 'wa', を: 'wo o', ん: 'n nn', ゔ: 'vu',
  ぁ: 'xa la', ぃ: 'xi li', ぅ: 'xu lu', ぇ: 'xe le', ぉ: 'xo lo', ゃ: 'xya lya', ゅ: 'xyu lyu', ょ: 'xyo lyo',
};
// Syllables with a small ゃゅょ: the consonant's own spellings, then the regular ones.
const YOON_HEAD = { き: 'ky', ぎ: 'gy', し: 'sh sy', じ: 'j zy jy', ち: 'ch ty cy', ぢ: 'dy', に: 'ny', ひ: 'hy', び: 'by', ぴ: 'py', み: 'my', り: 'ry' };
const YOON_TAIL = { ゃ: 'a', ゅ: 'u', ょ: 'o' };

/** Katakana → hiragana (ー and other marks unchanged). */
export function toHiragana(text) {
  return text.replace(/[\u30A1-\u30F6]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/**
 * Splits hiragana into syllables, each with its spellings (canonical first).
 * っ doubles the next consonant; ー repeats or drops the vowel; a long う after
 * an o or u sound may be typed or left out (ちゅう: chuu, chu).
 */
function syllables(kana) {
  const out = [];
  let doubled = false;
  for (let i = 0; i < kana.length; i++) {
    const c = kana[i];
    const next = kana[i + 1];
    if (c === 'っ') {
      doubled = true;
      continue;
    }
    let spellings;
    if (YOON_HEAD[c] && YOON_TAIL[next]) {
      spellings = YOON_HEAD[c].split(' ').map((head) => head + YOON_TAIL[next]);
      i += 1;
    } else if (BASE[c]) {
      spellings = BASE[c].split(' ');
    } else if (c === 'ー') {
      const vowel = out.length ? out[out.length - 1][0].slice(-1) : '';
      spellings = ['-', vowel, ''].filter((s, k, all) => all.indexOf(s) === k);
    } else {
      spellings = [c]; // anything else (digits, latin) stands for itself
    }
    if (c === 'う' && out.length && /[ou]$/.test(out[out.length - 1][0])) spellings = ['u', ''];
    if (doubled) {
      spellings = spellings.map((s) => (/^[a-z]/.test(s) && !/^[aeiou]/.test(s) ? s[0] + s : s));
      if (spellings[0].startsWith('cch')) spellings.push('t' + spellings[0].slice(1)); // Hepburn: tch
      doubled = false;
    }
    out.push(spellings);
  }
  return out;
}

/** The canonical (Hepburn) romaji of a hiragana string. */
export function romaji(kana) {
  return syllables(kana).map((s) => s[0]).join('');
}

const MAX_SPELLINGS = 256;

/** Every spelling of a hiragana word (canonical first), at most 256. */
export function spellings(kana) {
  let words = [''];
  for (const options of syllables(kana)) {
    const next = [];
    for (const w of words) for (const s of options) if (next.length < MAX_SPELLINGS) next.push(w + s);
    words = [...new Set(next)];
  }
  return words;
}
