// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
  document.querySelectorAll("[data-copy-target]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const target = document.getElementById(button.dataset.copyTarget);
      await navigator.clipboard.writeText(target.value || target.textContent);
      button.textContent = button.dataset.copiedLabel || button.textContent;
    });
  });

  // The phone menu: without JavaScript a link opens #site-menu (CSS :target); here a
  // button with aria-expanded does it, and Escape or "Close the menu" closes it.
  const header = document.querySelector(".site-header");
  const menuLink = document.querySelector("[data-menu-link]");
  const menuButton = document.querySelector("[data-menu-button]");
  if (header && menuLink && menuButton) {
    const setOpen = (open) => {
      header.classList.toggle("menu-open", open);
      menuButton.setAttribute("aria-expanded", String(open));
    };
    menuLink.hidden = true;
    menuButton.hidden = false;
    menuButton.addEventListener("click", () => setOpen(!header.classList.contains("menu-open")));
    const close = document.querySelector("[data-menu-close]");
    if (close) {
      close.addEventListener("click", (event) => {
        event.preventDefault();
        setOpen(false);
        menuButton.focus();
      });
    }
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && header.classList.contains("menu-open")) {
        setOpen(false);
        menuButton.focus();
      }
    });
    if (window.location.hash === "#site-menu") setOpen(true);
  }

  // The event form: only the chosen kind's fields. Without JavaScript every group shows
  // and says which kinds it is for; here the others are hidden and disabled (not sent).
  const kinds = document.querySelectorAll("input[name=kind]");
  const groups = document.querySelectorAll("[data-for-kinds]");
  if (kinds.length && groups.length) {
    const show = () => {
      const chosen = Array.from(kinds).find((input) => input.checked);
      groups.forEach((group) => {
        const wanted = chosen && group.dataset.forKinds.split(" ").includes(chosen.value);
        group.hidden = !wanted;
        group.disabled = !wanted;
      });
    };
    kinds.forEach((input) => input.addEventListener("change", show));
    show();
  }

  // Tables become cards on narrow screens: each cell is labelled with its column header.
  document.querySelectorAll("table.hds-table").forEach((table) => {
    const headers = Array.from(table.querySelectorAll("thead th")).map((th) =>
      th.textContent.trim(),
    );
    if (!headers.length) return;
    table.querySelectorAll("tbody tr").forEach((row) => {
      Array.from(row.children).forEach((cell, index) => {
        if (headers[index] && !cell.dataset.label) cell.dataset.label = headers[index];
      });
    });
    table.classList.add("table--cards");
  });
});
