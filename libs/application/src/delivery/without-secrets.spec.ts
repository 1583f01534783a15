import { withoutSecrets } from './contact-preferences.usecases';

describe('addresses a page may show', () => {
  it('cuts every URL in a text to its origin, whatever its path, query or credentials', () => {
    expect(withoutSecrets('https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=SECRET')).toBe('https://prod-12.westeurope.logic.azure.com/…');
    expect(withoutSecrets('POST https://user:pass@hooks.example.nhs.uk/notify?token=SECRET answered 500')).toBe('POST https://hooks.example.nhs.uk/… answered 500');
    expect(withoutSecrets('smtp 250 2.0.0 Ok: queued as <abc@mail>')).toBe('smtp 250 2.0.0 Ok: queued as <abc@mail>');
  });
});
