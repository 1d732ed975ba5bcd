export type OptionSwitchProps<T extends string> = {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
};

/** A chart option with two to four choices, as a radio group styled like a segmented button. */
export function OptionSwitch<T extends string>({ label, value, options, onChange }: OptionSwitchProps<T>) {
  return (
    <fieldset className="option-switch">
      <legend>{label}</legend>
      {options.map((option) => (
        <label key={option.value} className={option.value === value ? "is-checked" : undefined}>
          <input type="radio" name={label} value={option.value} checked={option.value === value} onChange={() => onChange(option.value)} />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
