import { type FormEvent, useState } from "react";
import { type ChannelTestResult, channelsApi } from "../../api/channels";
import { errorMessage } from "../../api/client";
import { choices, SelectField, TextField } from "../../components/fields";
import type { ChannelInput } from "../../lib/plan-edit";
import { EditorSection, type SectionProps } from "./editor-section";

const KIND_LABELS = {
  email: "E-mail",
  slack: "Slack incoming webhook",
  mattermost: "Mattermost incoming webhook",
  rocketchat: "Rocket.Chat incoming webhook",
  webhook: "Webhook (JSON)",
} as const;
const KINDS = choices(
  Object.keys(KIND_LABELS) as (keyof typeof KIND_LABELS)[],
  (k) => KIND_LABELS[k],
);

/**
 * The kinds to offer for a channel of `kind`: the ones Firebreak sends, plus the channel's own
 * when it is another (phone, sms, chat: listed on role cards, never sent), so the form shows
 * what the plan says instead of silently offering another kind.
 */
const kindsFor = (kind: ChannelInput["kind"]) =>
  KINDS.some((k) => k.value === kind)
    ? KINDS
    : [...KINDS, { value: kind, label: `${kind} (Firebreak does not send to it)` }];

const TARGET_HINT =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: `${env:NAME}` is the plan's syntax
  "An address (several separated by commas) or an https:// URL. Write ${env:NAME} to keep a secret URL in the server's environment.";

/** Where messages go: e-mail lists and webhooks, each with a Send test. */
export function ChannelsSection({ plan, apply, problems }: SectionProps) {
  const [error, setError] = useState<string>();
  const [fresh, setFresh] = useState<ChannelInput & { id: string }>({
    id: "",
    kind: "email",
    target: "",
  });
  const add = (e: FormEvent) => {
    e.preventDefault();
    const why = apply({ op: "channel", id: fresh.id, channel: fresh });
    setError(why);
    if (why === undefined) setFresh({ id: "", kind: "email", target: "" });
  };
  return (
    <EditorSection
      id="channels"
      title="Channels"
      intro="The addresses and webhooks audiences and escalation steps send to. Send test tries one now, through the server's own mail settings and egress rules."
      problems={problems}
      error={error}
    >
      {(plan.channels ?? []).map((c) => (
        <ChannelForm
          key={`${c.id}:${c.kind}:${c.target}`}
          id={c.id}
          initial={{
            kind: c.kind,
            target: c.target,
            description: c.description,
          }}
          description={c.description}
          onSave={(channel) => setError(apply({ op: "channel", id: c.id, channel }))}
        />
      ))}
      <h3>Add a channel</h3>
      <form className="form" onSubmit={add}>
        <div className="field-row">
          <TextField
            id="channel-new-id"
            label="Id"
            hint="Lowercase letters, digits and dashes, e.g. ops-mail"
            value={fresh.id}
            onChange={(id) => setFresh({ ...fresh, id })}
            pattern="[a-z0-9][a-z0-9_\-]*"
            required
          />
          <SelectField
            id="channel-new-kind"
            label="Kind"
            value={fresh.kind}
            onChange={(kind) => setFresh({ ...fresh, kind: kind as ChannelInput["kind"] })}
            choices={KINDS}
          />
          <TextField
            id="channel-new-target"
            label="Target"
            hint={TARGET_HINT}
            value={fresh.target}
            onChange={(target) => setFresh({ ...fresh, target })}
            required
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Add
          </button>
        </div>
      </form>
    </EditorSection>
  );
}

function ChannelForm({
  id,
  initial,
  description,
  onSave,
}: {
  id: string;
  initial: ChannelInput;
  description?: string;
  onSave: (channel: ChannelInput | null) => void;
}) {
  const [c, setC] = useState(initial);
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ChannelTestResult | { failed: string }>();
  const p = `channel-${id}`;
  const test = async () => {
    setTesting(true);
    setResult(undefined);
    try {
      setResult(await channelsApi.test({ id, kind: c.kind, target: c.target }));
    } catch (e) {
      setResult({ failed: errorMessage(e) });
    } finally {
      setTesting(false);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    onSave(c);
  };
  return (
    <form className="form" onSubmit={save} aria-labelledby={`${p}-title`}>
      <h3 id={`${p}-title`} className="mono">
        {id}
      </h3>
      {description && <p className="muted">{description}</p>}
      <div className="field-row">
        <SelectField
          id={`${p}-kind`}
          label="Kind"
          value={c.kind}
          onChange={(kind) => setC({ ...c, kind: kind as ChannelInput["kind"] })}
          choices={kindsFor(initial.kind)}
        />
        <TextField
          id={`${p}-target`}
          label="Target"
          hint={TARGET_HINT}
          value={c.target}
          onChange={(target) => setC({ ...c, target })}
          required
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button">
          Apply
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void test()}
          disabled={testing || !c.target.trim()}
        >
          {testing ? "Sending…" : "Send test"}
        </button>
        <button type="button" className="button" onClick={() => onSave(null)}>
          Remove
        </button>
      </div>
      <div role="status" aria-live="polite">
        {result &&
          ("failed" in result ? (
            <p className="error-text">Could not try it: {result.failed}</p>
          ) : result.delivered ? (
            <p className="added-text">
              Delivered in {result.duration_ms} ms{result.status ? ` (HTTP ${result.status})` : ""}:{" "}
              {result.detail}
            </p>
          ) : (
            <p className="error-text">
              Not delivered{result.status ? ` (HTTP ${result.status})` : ""}: {result.detail}
            </p>
          ))}
      </div>
    </form>
  );
}
