/** The landing page's illustration: a ringed world, an orbiting starbase, and a couple of ships. */
export function StarbaseArt() {
  return (
    <svg viewBox="0 0 520 440" role="img" aria-label="A starbase orbiting a ringed planet" style={{ width: '100%', height: 'auto', display: 'block' }}>
      <defs>
        <radialGradient id="art-planet" cx="35%" cy="30%" r="75%">
          <stop offset="0" stopColor="#8ff6ff" />
          <stop offset="0.45" stopColor="#3a7bff" />
          <stop offset="1" stopColor="#1b1047" />
        </radialGradient>
        <radialGradient id="art-halo" cx="50%" cy="50%" r="50%">
          <stop offset="0.55" stopColor="#38e1ff" stopOpacity="0.35" />
          <stop offset="1" stopColor="#38e1ff" stopOpacity="0" />
        </radialGradient>
        <linearGradient id="art-ring" x1="0" y1="0" x2="1" y2="0">
          <stop offset="0" stopColor="#7c6bff" stopOpacity="0" />
          <stop offset="0.3" stopColor="#a99bff" stopOpacity="0.9" />
          <stop offset="0.7" stopColor="#5ff0ff" stopOpacity="0.9" />
          <stop offset="1" stopColor="#5ff0ff" stopOpacity="0" />
        </linearGradient>
        <linearGradient id="art-hull" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#e6ecff" />
          <stop offset="1" stopColor="#7d8bb0" />
        </linearGradient>
      </defs>

      <circle cx="250" cy="230" r="190" fill="url(#art-halo)" />
      {/* back half of the ring */}
      <ellipse cx="250" cy="230" rx="230" ry="62" fill="none" stroke="url(#art-ring)" strokeWidth="10" strokeOpacity="0.35" transform="rotate(-14 250 230)" />
      <circle cx="250" cy="230" r="120" fill="url(#art-planet)" />
      <path d="M160 200 Q250 170 345 205" stroke="#bff8ff" strokeOpacity="0.18" strokeWidth="10" fill="none" />
      <path d="M150 250 Q250 228 352 262" stroke="#0b0730" strokeOpacity="0.35" strokeWidth="14" fill="none" />
      {/* front half of the ring, drawn over the planet */}
      <path d="M22 286 A230 62 -14 0 0 478 174" fill="none" stroke="url(#art-ring)" strokeWidth="6" transform="rotate(0)" />

      {/* the starbase */}
      <g transform="translate(392 92)">
        <circle r="30" fill="none" stroke="#5ff0ff" strokeOpacity="0.4" strokeDasharray="3 5" />
        <rect x="-34" y="-4" width="68" height="8" rx="3" fill="url(#art-hull)" />
        <rect x="-6" y="-22" width="12" height="44" rx="4" fill="url(#art-hull)" />
        <rect x="-52" y="-10" width="16" height="20" rx="2" fill="#2b5bff" stroke="#8fb2ff" strokeWidth="1" />
        <rect x="36" y="-10" width="16" height="20" rx="2" fill="#2b5bff" stroke="#8fb2ff" strokeWidth="1" />
        <circle r="9" fill="#0a1020" stroke="#5ff0ff" strokeWidth="2" />
        <circle r="3.5" fill="#5ff0ff" />
      </g>

      {/* ships */}
      <g fill="#e6ecff">
        <path d="M96 96 l18 6 -18 6 4 -6z" />
        <path d="M70 120 l14 4.5 -14 4.5 3 -4.5z" opacity="0.8" />
      </g>
      <path d="M40 102 L92 102" stroke="#38e1ff" strokeOpacity="0.5" strokeWidth="2" strokeLinecap="round" />
      <path d="M24 124.5 L67 124.5" stroke="#38e1ff" strokeOpacity="0.35" strokeWidth="1.5" strokeLinecap="round" />

      {/* stars */}
      <g fill="#ffffff">
        <circle cx="40" cy="40" r="1.6" />
        <circle cx="180" cy="24" r="1.1" />
        <circle cx="480" cy="300" r="1.4" />
        <circle cx="452" cy="400" r="1" />
        <circle cx="60" cy="380" r="1.3" />
        <circle cx="300" cy="420" r="1" />
        <circle cx="500" cy="30" r="1.2" />
      </g>
    </svg>
  );
}
