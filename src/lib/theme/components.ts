// NL Design System component CSS, bundled by Vite: no stylesheet or font comes from a CDN.
// Imported one by one from JavaScript rather than with CSS @import, because some files start
// with @charset, which is only valid at the very top of a stylesheet.
import '@utrecht/root-css/dist/index.css';
import '@nl-design-system-candidate/heading-css/heading.css';
import '@nl-design-system-candidate/paragraph-css/paragraph.css';
import '@nl-design-system-candidate/link-css/link.css';
import '@nl-design-system-candidate/skip-link-css/skip-link.css';
import '@nl-design-system-candidate/button-css/button.css';
import '@utrecht/page-header-css/dist/index.css';
import '@utrecht/page-footer-css/dist/index.css';
import '@utrecht/table-css/dist/index.css';
import '@utrecht/data-list-css/dist/index.css';
import '@utrecht/unordered-list-css/dist/index.css';
import '@utrecht/alert-css/dist/index.css';
import '@utrecht/textbox-css/dist/index.css';
import '@utrecht/form-field-css/dist/index.css';
import '@utrecht/form-label-css/dist/index.css';
import '@utrecht/checkbox-css/dist/index.css';
import '@utrecht/radio-button-css/dist/index.css';
import '@utrecht/select-css/dist/index.css';
import '@utrecht/textarea-css/dist/index.css';
import '@utrecht/form-fieldset-css/dist/index.css';
import '@utrecht/form-field-error-message-css/dist/index.css';
import '@utrecht/form-field-description-css/dist/index.css';
