/** How long a new invite code stays valid. Values match InviteExpirySchema. */
export function ExpirySelect({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div className="field">
      <label htmlFor={id}>Invite code valid for</label>
      <select id={id} name="expiresInDays" defaultValue="">
        <option value="">Until I rotate it</option>
        <option value="7">7 days</option>
        <option value="30">30 days</option>
        <option value="90">90 days</option>
      </select>
      {errors?.length ? <p className="field-error">{errors.join(" ")}</p> : null}
    </div>
  );
}
