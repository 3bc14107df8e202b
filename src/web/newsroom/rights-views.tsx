import type { ComponentChildren } from 'preact';
import type { LinkPlacement } from '#src/db/schema.ts';
import type { ReuseMatch, ReuseReport } from '#src/domain/rights/reuse-checker.ts';
import type { ReusePolicy } from '#src/domain/rights/reuse-policy-repository.ts';
import { VERDICT_WORDS } from '#src/domain/rights/reuse-verdict.ts';
import type { SignedInActor } from '#src/web/middleware/require-role.ts';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';

/** What the check page shows: the form (with what was typed and any errors) and, after a check, the report. */
export type RightsCheckState = { values: FormValues; errors: FieldErrors; message?: string; report?: ReuseReport };

/** The policy in one sentence, for editors reading a verdict. */
export function policySummary(policy: ReusePolicy): string {
  const parts = [`Others may reuse up to ${policy.maxOriginalSharePercent}% of an article`];
  if (policy.maxTextSharePercent !== null) parts.push(`and up to ${policy.maxTextSharePercent}% of their own text may be ours`);
  if (policy.link.required) {
    const what = policy.link.toArticle ? 'the original article (not our home page or a section)' : 'our site';
    const how = [policy.link.indexable ? 'a link search engines follow' : 'a link', policy.link.placement === 'near-quote' ? 'near the reused text' : ''].filter(Boolean).join(' ');
    parts.push(`with ${how} to ${what}`);
  }
  const licence = policy.fullRepublicationNeedsLicence ? 'More needs a licence.' : 'Whole articles may be republished with a compliant link.';
  return `${parts.join(' ')}. ${licence}`;
}

/** `text` with the ranges marked (numbered passages), as a reader would highlight them. */
function Highlighted({ text, ranges }: { text: string; ranges: Array<{ range: [number, number]; label: number }> }) {
  const sorted = [...ranges].sort((a, b) => a.range[0] - b.range[0]);
  const out: ComponentChildren[] = [];
  let at = 0;
  for (const { range, label } of sorted) {
    const start = Math.max(range[0], at);
    if (range[1] <= start) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(
      <mark key={`${label}-${start}`} title={`Passage ${label}`}>
        <sup class="nr-rights-label">{label}</sup>
        {text.slice(start, range[1])}
      </mark>,
    );
    at = range[1];
  }
  out.push(text.slice(at));
  return <div class="nr-rights-text">{out}</div>;
}

function Match({ match, pageText, index }: { match: ReuseMatch; pageText: string; index: number }) {
  const passages = match.passages.map((p, i) => ({ ...p, label: i + 1 }));
  return (
    <section class="nr-card" aria-labelledby={`match-${index}`}>
      <h2 id={`match-${index}`}>
        <a href={match.article.url}>{match.article.title}</a>
      </h2>
      <p class={`nr-rights-verdict nr-rights-verdict--${match.verdict}`}>
        <strong>{VERDICT_WORDS[match.verdict]}.</strong>
      </p>
      <dl class="nr-rights-facts">
        <dt>Share of our article reused</dt>
        <dd>{match.shareOfOriginal}%</dd>
        <dt>Share of their text that is ours</dt>
        <dd>{match.shareOfText}%</dd>
        <dt>Link to the original</dt>
        <dd>
          {match.link.href ? (
            <>
              <code>{match.link.href}</code>{' '}
            </>
          ) : null}
          {match.link.reason}
        </dd>
        <dt>Licence</dt>
        <dd>{match.licensed ? 'A licence covers this page.' : 'No licence covers this page.'}</dd>
      </dl>
      <div class="nr-rights-columns">
        <div>
          <h3>Their page</h3>
          <Highlighted text={pageText} ranges={passages.map((p) => ({ range: p.page, label: p.label }))} />
        </div>
        <div>
          <h3>Our article</h3>
          <Highlighted text={match.originalText} ranges={passages.map((p) => ({ range: p.original, label: p.label }))} />
        </div>
      </div>
    </section>
  );
}

/** The checker page: paste a text or HTML, or give a URL; then the findings side by side. */
export function RightsCheckPage({ actor, csrfToken, policy, state }: { actor: SignedInActor; csrfToken: string | null; policy: ReusePolicy; state: RightsCheckState }) {
  const { values, errors, report } = state;
  return (
    <NewsroomLayout title="Reuse checker" actor={actor} csrfToken={csrfToken} active="rights">
      <h1>Reuse checker</h1>
      <p class="nr-muted">
        {policySummary(policy)}
        {actor.role === 'admin' ? (
          <>
            {' '}
            <a href="/newsroom/rights/policy">Change the policy</a>.
          </>
        ) : null}
      </p>
      {state.message ? <Notice kind="error">{state.message}</Notice> : null}
      <form method="post" action="/newsroom/rights" class="nr-card nr-form" novalidate>
        <CsrfField token={csrfToken} />
        <Field name="url" label="Address of the page" errors={errors} hint="We fetch it and check its main text; or leave it empty and paste below.">
          <input id={fieldId('url')} name="url" type="url" inputMode="url" value={values.url ?? ''} {...invalidAttrs('url', errors)} />
        </Field>
        <Field name="text" label="Or paste the page" errors={errors} hint="Its text, or its HTML source (then links are checked too).">
          <textarea id={fieldId('text')} name="text" rows={10} {...invalidAttrs('text', errors)}>
            {values.text ?? ''}
          </textarea>
        </Field>
        <fieldset class="nr-fieldset">
          <legend>The pasted page is</legend>
          <div class="nr-field nr-field--check">
            <input id="f-kind-text" type="radio" name="kind" value="text" checked={values.kind !== 'html'} />
            <label for="f-kind-text">Text</label>
          </div>
          <div class="nr-field nr-field--check">
            <input id="f-kind-html" type="radio" name="kind" value="html" checked={values.kind === 'html'} />
            <label for="f-kind-html">HTML source</label>
          </div>
        </fieldset>
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            Check
          </button>
        </div>
      </form>
      {report ? (
        <section aria-labelledby="findings">
          <h2 id="findings">Findings</h2>
          <Notice kind={report.verdict === 'within-policy' || report.verdict === 'licensed' || report.verdict === 'no-match' ? 'ok' : 'warn'}>
            {VERDICT_WORDS[report.verdict]}
            {report.matches.length > 1 ? ` (the worst of ${report.matches.length} articles it reuses)` : ''}.
          </Notice>
          {report.matches.map((match, index) => (
            <Match match={match} pageText={report.page.text} index={index} key={match.article.id} />
          ))}
        </section>
      ) : null}
    </NewsroomLayout>
  );
}

const PLACEMENT_LABELS: Record<LinkPlacement, string> = { anywhere: 'Anywhere on the page', 'near-quote': 'Near the reused text' };

function Check({ name, label, values }: { name: string; label: string; values: FormValues }) {
  return (
    <div class="nr-field nr-field--check">
      <input id={fieldId(name)} name={name} type="checkbox" checked={values[name] === 'on'} />
      <label for={fieldId(name)}>{label}</label>
    </div>
  );
}

/** The policy form (admins). */
export function RightsPolicyPage(props: { actor: SignedInActor; csrfToken: string | null; values: FormValues; errors: FieldErrors; share: number; notice?: string; message?: string }) {
  const { values, errors } = props;
  return (
    <NewsroomLayout title="Reuse policy" actor={props.actor} csrfToken={props.csrfToken} active="rights">
      <h1>Reuse policy</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <p class="nr-muted">
        Others may reuse up to <strong>{props.share}%</strong> of an article: that share, and the notice under every article, are set in{' '}
        <a href="/newsroom/settings">Site settings</a>.
      </p>
      <form method="post" action="/newsroom/rights/policy" class="nr-card nr-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <Field name="maxTextSharePercent" label="Largest share of the reusing text (%)" errors={errors} hint="0 to 100: how much of their own text may be ours. Empty: no limit.">
          <input id={fieldId('maxTextSharePercent')} name="maxTextSharePercent" type="number" value={values.maxTextSharePercent ?? ''} {...invalidAttrs('maxTextSharePercent', errors)} />
        </Field>
        <fieldset class="nr-fieldset">
          <legend>The link to the original</legend>
          <Check name="linkRequired" label="Reuse needs a link to us" values={values} />
          <Check name="linkToArticle" label="The link must lead to the original article (a link to the home page or a section does not count)" values={values} />
          <Check name="linkIndexable" label="The link must be one search engines follow (no nofollow, ugc or sponsored; no redirect in between)" values={values} />
          <Field name="linkPlacement" label="Where the link must be" errors={errors}>
            <select id={fieldId('linkPlacement')} name="linkPlacement" {...invalidAttrs('linkPlacement', errors)}>
              {(Object.keys(PLACEMENT_LABELS) as LinkPlacement[]).map((placement) => (
                <option value={placement} selected={values.linkPlacement === placement} key={placement}>
                  {PLACEMENT_LABELS[placement]}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
        <Check name="fullNeedsLicence" label="Reuse beyond these shares needs a licence (written permission)" values={values} />
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            Save the policy
          </button>
        </div>
      </form>
    </NewsroomLayout>
  );
}
