// A React 19 form with controlled inputs (state is the truth; the DOM follows
// it on every render), checked by attach(). Test hooks: #state shows the
// state; the buttons re-render, swap the passport field's own
// aria-describedby, remount the passport input, and hide the place fields.
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { attach } from 'hersys-validator/attach';
import 'hersys-validator/attach.css';

const PLACES = ['家庭内', '職場', '場所種別不明'];

function App() {
  const [values, setValues] = useState({ passportNumber: '', onsetDate: '', placeCategory: '', status: '' });
  const [renders, setRenders] = useState(0);
  const [hint, setHint] = useState('pp-hint');
  const [generation, setGeneration] = useState(0);
  const [showPlace, setShowPlace] = useState(true);
  const form = useRef(null);
  const set = (key) => (event) => setValues((v) => ({ ...v, [key]: event.target.value }));

  useEffect(() => {
    let handle = null;
    let live = true;
    attach(form.current, { today: '2021-07-31' }).then((h) => {
      if (!live) return h.detach();
      handle = h;
      window.hv = h;
      document.documentElement.dataset.ready = 'true';
    });
    return () => {
      live = false;
      handle?.detach();
    };
  }, []);

  return (
    <form ref={form} noValidate aria-label="発生届（React）">
      <p>
        <label htmlFor="pp">パスポート番号（旅券番号）</label>
        <input key={generation} id="pp" name="passportNumber" value={values.passportNumber} onChange={set('passportNumber')} aria-describedby={hint} autoComplete="off" />
        <span id="pp-hint">半角英数字</span> <span id="pp-hint-2">例: TK1234567</span>
      </p>
      <p>
        <label htmlFor="onset">発病年月日</label>
        <textarea id="onset" name="onsetDate" rows={1} value={values.onsetDate} onChange={set('onsetDate')} />
      </p>
      <p>
        <label htmlFor="status">現在のステータス</label>
        <select id="status" name="status" value={values.status} onChange={set('status')}>
          <option value="">選択してください</option>
          <option>入院中</option>
          <option>死亡</option>
        </select>
      </p>
      {showPlace && (
        <fieldset>
          <legend>場所区分</legend>
          {PLACES.map((p) => (
            <label key={p}>
              <input type="radio" name="placeCategory" value={p} checked={values.placeCategory === p} onChange={set('placeCategory')} /> {p}
            </label>
          ))}
        </fieldset>
      )}
      <output id="state">{JSON.stringify(values)}</output>
      <p>
        <button type="button" id="rerender" onClick={() => setRenders((n) => n + 1)}>re-render ({renders})</button>
        <button type="button" id="swap-hint" onClick={() => setHint((h) => (h === 'pp-hint' ? 'pp-hint-2' : 'pp-hint'))}>swap hint</button>
        <button type="button" id="remount" onClick={() => setGeneration((g) => g + 1)}>remount passport</button>
        <button type="button" id="toggle-place" onClick={() => setShowPlace((s) => !s)}>toggle place</button>
      </p>
    </form>
  );
}

createRoot(document.getElementById('root')).render(<StrictMode><App /></StrictMode>);
