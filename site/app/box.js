// gouji checker: the report box (textarea#report-input).  What the user does
// in it asks the client (client.js) for a check: a paste, timed from its keys,
// sent before the browser has even laid the text out; typing, once it pauses;
// going for the box (a paste is likely next), which tells the worker to hold
// its warm-up.  A paste from a web page, Word or WPS brings its HTML too,
// which the check gets while the box holds that paste whole.

// A check is asked for once typing pauses this long.
const TYPING_PAUSE_MS = 250;
// A paste this long after its keys is not theirs (the paste is its keys' default action).
const PASTE_KEY_MS = 1000;

const sameText = (a, b) => a.replace(/\r\n?/g, "\n").trim() === b.replace(/\r\n?/g, "\n").trim();

export class ReportBox {
  //   input   the textarea
  //   ask     what the box asks of the client:
  //     request(t0, {text, keep, reveal}?)  a check of text (the box's own by
  //                                  default), as asked at t0; returns the request
  //                                  (reveal: false for typing's, see Client.request)
  //     newest(request)              whether no request came after it
  //     keepText()                   the texts kept for a visit back
  //     hold()                       the worker holds (a paste is likely next)
  //     cap()                        the core's cap on a text, in bytes (0: not known yet)
  constructor(input, ask) {
    this.input = input;
    this.ask = ask;
    this.timer = null;   // until typing's pause is over (or last year's box's: afterPause)
    this.pasteAt = null;
    this.keyAt = null;   // when the keys of a paste (Ctrl+V) were pressed, until the paste
    this.early = null;   // the request a paste made as it began (checkAsPasted)
    this.pasted = null;  // {plain, html}: that paste's text and HTML, until its "input"
    this.rich = null;    // {text, html}: the paste the box holds, with its text/html
    this.inserting = false; // a rich paste is being put into the box
  }

  // The HTML that came with text, while the box holds that paste whole; else null.
  htmlOf(text) {
    return this.rich && this.rich.text === text ? this.rich.html : null;
  }

  // The box holds text, pasted with this HTML (a visit back brings both back).
  holds(text, html) {
    this.rich = { text, html };
  }

  // Something else is checked (files): the paste's HTML no longer counts.
  forget() {
    this.rich = null;
  }

  // f, once typing (here or in last year's box) pauses; a check asked for
  // otherwise meanwhile (the button, a sample) calls cancelPause.
  afterPause(f) {
    this.cancelPause();
    this.timer = setTimeout(f, TYPING_PAUSE_MS);
  }

  cancelPause() {
    clearTimeout(this.timer);
  }

  listen() {
    const { input } = this;
    input.addEventListener("paste", (ev) => this.onPaste(ev));
    // Going for the box (a paste is likely next): the worker holds its
    // warm-up, so that the paste finds it idle (worker.js "hold").
    for (const type of ["focus", "pointerdown", "contextmenu"]) input.addEventListener(type, () => this.ask.hold());
    input.addEventListener("keydown", (ev) => {
      if (ev.ctrlKey || ev.metaKey || ev.key === "Control" || ev.key === "Meta") this.ask.hold();
      // The keys that paste: the wait starts when they are pressed (the event's
      // time is the key's), not when the page gets round to the paste.
      this.keyAt = (ev.ctrlKey || ev.metaKey) && (ev.key === "v" || ev.key === "V") ? ev.timeStamp : null;
    });
    input.addEventListener("input", (ev) => {
      if (this.inserting) return; // a rich paste going in: checked once it is in (onPaste)
      this.cancelPause();
      if (this.pasteAt !== null || ev.inputType === "insertFromPaste" || ev.inputType === "insertFromDrop") {
        const t0 = this.pasteAt ?? performance.now();
        const early = this.early;
        const pasted = this.pasted;
        this.pasteAt = this.early = this.pasted = null;
        if (early && this.ask.newest(early) && early.text === input.value) {
          this.ask.keepText(); // asked for already, as the paste began (checkAsPasted)
          return;
        }
        // a rich paste's HTML counts while the box holds that paste whole
        this.rich = pasted && pasted.html && sameText(input.value, pasted.plain)
          ? { text: input.value, html: pasted.html } : null;
        this.ask.request(t0);
      } else {
        this.afterPause(() => this.ask.request(performance.now(), { reveal: false }));
      }
    });
  }

  // A paste from a web page, Word or WPS carries text/html besides the text:
  // the box gets the text, the check gets both (the core reads the HTML's
  // tables by their structure, in Python; the HTML never enters the page's DOM).
  // The HTML counts only when the paste is the whole text.
  onPaste(ev) {
    const now = performance.now();
    this.pasteAt = this.keyAt !== null && this.keyAt <= now && now - this.keyAt < PASTE_KEY_MS ? this.keyAt : now;
    this.keyAt = null;
    this.early = this.pasted = null;
    const data = ev.clipboardData;
    const types = data ? Array.from(data.types || []) : [];
    // the clipboard's text, read once (a copy of the whole paste each time)
    const plain = types.includes("text/plain") ? data.getData("text/plain") : "";
    if (this.refuseHuge(ev, plain)) return;
    const html = types.includes("text/html") ? data.getData("text/html") : "";
    // A real paste: the browser puts the text in (a text box takes only the
    // text, and keeps its undo); "input" follows.  Not by hand with execCommand:
    // that puts a report in line by line, an "input" each (measured: 0.2-0.8 s
    // for a report of 300 lines, where the browser's own paste takes 20-30 ms).
    if (ev.isTrusted || !html) {
      this.checkAsPasted(plain, html);
      return;
    }
    if (!plain) return;
    // A paste the page was handed (a script's, not the browser's: nothing
    // goes in by itself): the text goes into the box here (execCommand keeps
    // the box's undo; where it fails the text is put in by hand).
    const t0 = this.takePaste(ev);
    const { input } = this;
    this.inserting = true;
    try {
      if (!(document.activeElement === input && document.execCommand("insertText", false, plain))) {
        input.setRangeText(plain, input.selectionStart, input.selectionEnd, "end");
      }
    } catch {
      input.setRangeText(plain, input.selectionStart, input.selectionEnd, "end");
    } finally {
      this.inserting = false;
    }
    this.rich = sameText(input.value, plain) ? { text: input.value, html } : null;
    this.ask.request(t0);
  }

  // A paste over the core's cap on text (a folder's worth copied by mistake)
  // does not go into the box: the browser laid 20 MB out for 10 s, with the
  // page frozen, for a text that is not checked.  The core still says so, in
  // its words and with its size: it is sent the paste as it is.
  refuseHuge(ev, plain) {
    const cap = this.ask.cap();
    if (!cap) return false;
    // no UTF-16 unit takes more than three bytes of UTF-8: most pastes end here
    if (plain.length * 3 <= cap || new Blob([plain]).size <= cap) return false;
    this.ask.request(this.takePaste(ev), { text: plain, keep: false });
    return true;
  }

  // A paste the page handles itself (the browser puts nothing in): it is
  // stopped, and its start is taken for the check it asks for (what "input"
  // comes next is no paste's).
  takePaste(ev) {
    ev.preventDefault();
    this.cancelPause();
    const t0 = this.pasteAt;
    this.pasteAt = null;
    return t0;
  }

  // The browser's own paste: the text it leaves in the box is known before
  // the browser puts it in, which lays the whole text out (measured: 15-25 ms
  // for a report, before "input"), so it is sent to the worker at once (with
  // the paste's HTML, if any) and the two overlap.  The "input" that follows
  // finds it asked for when the box holds what was foreseen (line breaks as a
  // text box keeps them), or asks again.  The box's own paste is left alone:
  // its undo keeps working.
  checkAsPasted(plain, html) {
    const { input } = this;
    if (!plain || typeof input.selectionStart !== "number") return;
    const text = input.value.slice(0, input.selectionStart) + plain.replace(/\r\n?/g, "\n")
      + input.value.slice(input.selectionEnd);
    this.cancelPause();
    this.pasted = html ? { plain, html } : null; // for "input", when the box holds other than foreseen
    this.rich = html && sameText(text, plain) ? { text, html } : null;
    // kept once the box holds it ("input")
    this.early = this.ask.request(this.pasteAt, { text, keep: false });
  }
}
