// The folder page: "New draft" asks the server for a first draft, then opens it.
"use strict";
document.getElementById("new-draft").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const status = document.getElementById("new-status");
  const body = { organization: form.organization.value, session: Number(form.session.value) };
  status.textContent = "Creating…";
  const response = await fetch("/api/new", {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({ error: "The editor did not answer." }));
  if (!response.ok) {
    status.textContent = answer.error;
    status.classList.add("bad");
    return;
  }
  window.location.assign("/edit/" + encodeURIComponent(answer.name));
});
