// The renderer's ambient environment. The React app (built with Vite) arrives with the app issue;
// until then this folder holds only its compiler settings, so that the three worlds are checked
// apart from the first commit: no Node types here, DOM types only.
export {};
