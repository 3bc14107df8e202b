import type { ComponentChildren } from 'preact';
import type { LinkPlacement } from '#src/db/schema.ts';
import type { ReuseMatch, ReuseReport } from '#src/domain/rights/reuse-checker.ts';
import type { ReusePolicy } from '#src/domain/rights/reuse-policy-repository.ts';
import type { NO_MATCH, Verdict } from '#src/domain/rights/reuse-verdict.ts';
import type { NewsroomTranslator } from '#src/i18n/newsroom-translator.ts';
import type { SignedInActor } from '#src/web/middleware/require-role.ts';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { useNewsroomT } from './views/newsroom-i18n.ts';

/** What the check page shows: the form (with what was typed and any errors) and, after a check, the report. */
export type RightsCheckState = { values: FormValues; errors: FieldErrors; message?: string; report?: ReuseReport };

/** The policy in one sentence, for editors reading a verdict (one message, so each language orders its clauses its own way). */
export function policySummary(policy: ReusePolicy, t: NewsroomTranslator['t']): string {
  return t('rights.summary', {
    share: policy.maxOriginalSharePercent,
    textLimit: policy.maxTextSharePercent === null ? 'no' : 'yes',
    textShare: policy.maxTextSharePercent ?? 0,
    link: policy.link.required ? 'required' : 'none',
    indexable: policy.link.indexable ? 'yes' : 'no',
    placement: policy.link.placement === 'near-quote' ? 'nearQuote' : 'anywhere',
    target: policy.link.toArticle ? 'article' : 'site',
    licence: policy.fullRepublicationNeedsLicence ? 'needed' : 'not-needed',
  });
}

/** A verdict in the newsroom's words (the checker's, the monitor's findings'). */
export function verdictWords(t: NewsroomTranslator['t'], verdict: Verdict | typeof NO_MATCH): string {
  return t(`rights.verdict.${verdict}`);
}

/** `text` with the ranges marked (numbered passages), as a reader would highlight them. */
function Highlighted({ text, ranges }: { text: string; ranges: Array<{ range: [number, number]; label: number }> }) {
  const { t } = useNewsroomT();
  const sorted = [...ranges].sort((a, b) => a.range[0] - b.range[0]);
  const out: ComponentChildren[] = [];
  let at = 0;
  for (const { range, label } of sorted) {
    const start = Math.max(range[0], at);
    if (range[1] <= start) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(
      <mark key={`${label}-${start}`} title={t('rights.passage', { label: String(label) })}>
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
  const { t } = useNewsroomT();
  const passages = match.passages.map((p, i) => ({ ...p, label: i + 1 }));
  return (
    <section class="nr-card" aria-labelledby={`match-${index}`}>
      <h2 id={`match-${index}`}>
        <a href={match.article.url}>{match.article.title}</a>
      </h2>
      <p class={`nr-rights-verdict nr-rights-verdict--${match.verdict}`}>
        <strong>{verdictWords(t, match.verdict)}.</strong>
      </p>
      <dl class="nr-rights-facts">
        <dt>{t('rights.fact.shareOfOriginal')}</dt>
        <dd>{t('rights.percent', { share: match.shareOfOriginal })}</dd>
        <dt>{t('rights.fact.shareOfText')}</dt>
        <dd>{t('rights.percent', { share: match.shareOfText })}</dd>
        <dt>{t('rights.fact.link')}</dt>
        <dd>
          {match.link.href ? (
            <>
              <code>{match.link.href}</code>{' '}
            </>
          ) : null}
          {match.link.reason}
        </dd>
        <dt>{t('rights.fact.licence')}</dt>
        <dd>{match.licensed ? t('rights.licensed') : t('rights.notLicensed')}</dd>
      </dl>
      <div class="nr-rights-columns">
        <div>
          <h3>{t('rights.theirPage')}</h3>
          <Highlighted text={pageText} ranges={passages.map((p) => ({ range: p.page, label: p.label }))} />
        </div>
        <div>
          <h3>{t('rights.ourArticle')}</h3>
          <Highlighted text={match.originalText} ranges={passages.map((p) => ({ range: p.original, label: p.label }))} />
        </div>
      </div>
    </section>
  );
}

/** The checker page: paste a text or HTML, or give a URL; then the findings side by side. */
export function RightsCheckPage({ actor, csrfToken, policy, state }: { actor: SignedInActor; csrfToken: string | null; policy: ReusePolicy; state: RightsCheckState }) {
  const { values, errors, report } = state;
  const { t } = useNewsroomT();
  return (
    <NewsroomLayout title={t('rights.checker.title')} actor={actor} csrfToken={csrfToken} active="rights">
      <h1>{t('rights.checker.title')}</h1>
      <p class="nr-muted">
        {policySummary(policy, t)}
        {actor.role === 'admin' ? (
          <>
            {' '}
            <a href="/newsroom/rights/policy">{t('rights.changePolicy')}</a>.
          </>
        ) : null}
      </p>
      {state.message ? <Notice kind="error">{state.message}</Notice> : null}
      <form method="post" action="/newsroom/rights" class="nr-card nr-form" novalidate>
        <CsrfField token={csrfToken} />
        <Field name="url" label={t('rights.field.url')} errors={errors} hint={t('rights.field.urlHint')}>
          <input id={fieldId('url')} name="url" type="url" inputMode="url" value={values.url ?? ''} {...invalidAttrs('url', errors)} />
        </Field>
        <Field name="text" label={t('rights.field.text')} errors={errors} hint={t('rights.field.textHint')}>
          <textarea id={fieldId('text')} name="text" rows={10} {...invalidAttrs('text', errors)}>
            {values.text ?? ''}
          </textarea>
        </Field>
        <fieldset class="nr-fieldset">
          <legend>{t('rights.field.kind')}</legend>
          <div class="nr-field nr-field--check">
            <input id="f-kind-text" type="radio" name="kind" value="text" checked={values.kind !== 'html'} />
            <label for="f-kind-text">{t('rights.kind.text')}</label>
          </div>
          <div class="nr-field nr-field--check">
            <input id="f-kind-html" type="radio" name="kind" value="html" checked={values.kind === 'html'} />
            <label for="f-kind-html">{t('rights.kind.html')}</label>
          </div>
        </fieldset>
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            {t('rights.check')}
          </button>
        </div>
      </form>
      {report ? (
        <section aria-labelledby="findings">
          <h2 id="findings">{t('rights.findings')}</h2>
          <Notice kind={report.verdict === 'within-policy' || report.verdict === 'licensed' || report.verdict === 'no-match' ? 'ok' : 'warn'}>
            {report.matches.length > 1
              ? t('rights.reportVerdictWorst', { verdict: verdictWords(t, report.verdict), count: report.matches.length })
              : verdictWords(t, report.verdict)}
            .
          </Notice>
          {report.matches.map((match, index) => (
            <Match match={match} pageText={report.page.text} index={index} key={match.article.id} />
          ))}
        </section>
      ) : null}
    </NewsroomLayout>
  );
}

/** The link placements in the order the policy form offers them. */
const PLACEMENTS: readonly LinkPlacement[] = ['anywhere', 'near-quote'];

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
  const { t, rich } = useNewsroomT();
  return (
    <NewsroomLayout title={t('rights.policy.title')} actor={props.actor} csrfToken={props.csrfToken} active="rights">
      <h1>{t('rights.policy.title')}</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <p class="nr-muted">
        {rich('rights.policy.intro', {
          share: <strong>{t('rights.percent', { share: props.share })}</strong>,
          settings: <a href="/newsroom/settings">{t('rights.policy.siteSettings')}</a>,
        })}
      </p>
      <form method="post" action="/newsroom/rights/policy" class="nr-card nr-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <Field name="maxTextSharePercent" label={t('rights.policy.field.maxTextShare')} errors={errors} hint={t('rights.policy.field.maxTextShareHint')}>
          <input id={fieldId('maxTextSharePercent')} name="maxTextSharePercent" type="number" value={values.maxTextSharePercent ?? ''} {...invalidAttrs('maxTextSharePercent', errors)} />
        </Field>
        <fieldset class="nr-fieldset">
          <legend>{t('rights.policy.linkLegend')}</legend>
          <Check name="linkRequired" label={t('rights.policy.linkRequired')} values={values} />
          <Check name="linkToArticle" label={t('rights.policy.linkToArticle')} values={values} />
          <Check name="linkIndexable" label={t('rights.policy.linkIndexable')} values={values} />
          <Field name="linkPlacement" label={t('rights.policy.linkPlacement')} errors={errors}>
            <select id={fieldId('linkPlacement')} name="linkPlacement" {...invalidAttrs('linkPlacement', errors)}>
              {PLACEMENTS.map((placement) => (
                <option value={placement} selected={values.linkPlacement === placement} key={placement}>
                  {t(`rights.placement.${placement}`)}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
        <Check name="fullNeedsLicence" label={t('rights.policy.fullNeedsLicence')} values={values} />
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            {t('rights.policy.save')}
          </button>
        </div>
      </form>
    </NewsroomLayout>
  );
}
