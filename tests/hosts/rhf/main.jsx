// A clinic's React 19 form driven by react-hook-form, validated by
// hersys-validator through @hookform/resolvers/standard-schema. It never
// calls init(): the schema loads the module on the first validation.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useForm } from 'react-hook-form';
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { createSchema } from 'hersys-validator';

const params = new URLSearchParams(location.search);
const schema = createSchema({ lang: params.get('lang') === 'ja' ? 'ja' : 'en', today: '2021-07-31' });

function Field({ name, label, register, errors, type = 'text', options }) {
  const error = errors[name]?.message;
  const describedBy = error ? `${name}-error` : undefined;
  const common = { id: name, 'aria-invalid': error ? 'true' : 'false', 'aria-describedby': describedBy };
  return (
    <p>
      <label htmlFor={name}>{label}</label>{' '}
      {options ? (
        <select {...common} {...register(name)}>
          {options.map((o) => <option key={o} value={o}>{o || '—'}</option>)}
        </select>
      ) : (
        <input {...common} type={type} {...register(name, type === 'number' ? { valueAsNumber: true } : {})} />
      )}
      {error ? <span id={`${name}-error`} className="error">{error}</span> : null}
    </p>
  );
}

function CaseForm() {
  const [submitted, setSubmitted] = useState(null);
  const { register, handleSubmit, formState: { errors, submitCount } } = useForm({
    resolver: standardSchemaResolver(schema),
    defaultValues: {
      patientName: '', entryDate: '', diagnosisDate: '', birthDate: '', age: Number.NaN,
      status: '入院中', placeCategory: '職場', passportNumber: '',
    },
  });
  const props = { register, errors };
  return (
    <form noValidate onSubmit={handleSubmit((values) => setSubmitted(values))} aria-label="Case">
      <Field name="patientName" label="Patient name" {...props} />
      <Field name="entryDate" label="Date of entry" {...props} />
      <Field name="diagnosisDate" label="Date of diagnosis" {...props} />
      <Field name="birthDate" label="Date of birth" {...props} />
      <Field name="age" label="Age" type="number" {...props} />
      <Field name="status" label="Status" options={['', '入院中', '死亡']} {...props} />
      <Field name="placeCategory" label="Place category" options={['', '職場', '場所種別不明']} {...props} />
      <Field name="passportNumber" label="Passport number" {...props} />
      <button type="submit">Submit</button>
      <output id="submit-count">{submitCount}</output>
      {submitted ? <pre id="submitted">{JSON.stringify(submitted)}</pre> : null}
    </form>
  );
}

createRoot(document.getElementById('root')).render(<StrictMode><CaseForm /></StrictMode>);
