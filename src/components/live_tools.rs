use leptos::prelude::*;
use ram_doctor_core::grant::{GrantPlan, Target};
use ram_doctor_core::{Catalog, Diagnosis};

use super::apply::Apply;
use super::decode::Decode;
use super::gap::{Gap, GapState};
use super::whoami::WhoAmI;
use crate::i18n::Lang;
use crate::live::LiveKey;

/// The live tools under the credentials: who am I, decode, the gap and apply.
#[component]
pub fn LiveTools(
    key: LiveKey,
    diagnosis: Memo<Diagnosis>,
    plan: Memo<Result<GrantPlan, String>>,
    /// The identity typed under "Apply the fix".
    target: Memo<Result<Option<Target>, String>>,
    catalog: RwSignal<Catalog>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let gap = GapState::new();
    view! {
        <section id="live-tools" class="panel live__tools">
            <Show when=move || !key.is_set()>
                <p id="need-key" class="notice notice--hint">{move || lang.get().live().need_key}</p>
            </Show>
            <WhoAmI key=key diagnosis=diagnosis catalog=catalog lang=lang />
            <Decode key=key diagnosis=diagnosis catalog=catalog lang=lang />
            <Gap key=key state=gap diagnosis=diagnosis typed=target plan=plan catalog=catalog lang=lang />
            <Apply key=key gap=gap plan=plan diagnosis=diagnosis catalog=catalog lang=lang />
        </section>
    }
}
