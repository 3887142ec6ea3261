import t from 'tap'
import { escapeHtml, html, raw } from '../../src/html/escape.js'

t.test('html escapes every interpolated string, including quotes for attributes', async t => {
  const hostile = `<script>alert("x")</script>&'\``
  t.equal(html`<p title="${hostile}">${hostile}</p>`.value,
    '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&#96;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&#96;</p>')
  t.equal(escapeHtml('a&amp;b'), 'a&amp;amp;b', 'already-escaped text is escaped again: nothing is trusted by looks')
})

t.test('raw() and nested html fragments pass through once, never double-escaped', async t => {
  const inner = html`<b>${'<i>'}</b>`
  t.equal(html`<p>${inner}${raw('<br>')}</p>`.value, '<p><b>&lt;i&gt;</b><br></p>')
})

t.test('arrays join, numbers print, and null, undefined and false print nothing', async t => {
  t.equal(html`<ul>${['<a>', 'b'].map(x => html`<li>${x}</li>`)}</ul>`.value, '<ul><li>&lt;a&gt;</li><li>b</li></ul>')
  t.equal(html`${0}|${null}|${undefined}|${false}|${true}`.value, '0||||true')
})
